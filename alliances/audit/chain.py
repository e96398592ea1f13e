"""The audit trail as a hash chain: each event carries the SHA-256 of the previous event's hash and of
its own content, so an event deleted, changed or inserted afterwards breaks the chain at that point.

Events are appended under one lock (PostgreSQL: a transaction-level advisory lock; SQLite: its
write lock, taken when the transaction starts), so the chain has a single order: the order of ids.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

#: Any fixed number: the advisory lock every writer of the audit trail takes on PostgreSQL.
_LOCK_KEY = 4_242_001


def _content(event: AuditEvent, previous: str) -> bytes:
    occurred = event.occurred_at.astimezone(UTC).isoformat()
    values = [
        previous,
        occurred,
        event.actor_id,
        event.actor_role,
        event.person_id,
        event.category,
        event.action,
        event.detail,
        event.request_id,
        str(event.ip_address or ""),
        event.path,
    ]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(event: AuditEvent, previous: str) -> str:
    return hashlib.sha256(_content(event, previous)).hexdigest()


def append(events: list[AuditEvent], *, dated: bool = False) -> list[AuditEvent]:
    """Writes the events at the end of the chain, in one query, hashed one after the other. They happen
    now, unless `dated` (a generated history keeps each event's own date: the chain's order is still the
    order of ids)."""
    if not events:
        return events
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        previous = AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True).first() or ""
        now = timezone.now()
        for event in events:
            if not dated:
                event.occurred_at = now
            event.chain_hash = event_hash(event, previous)
            previous = event.chain_hash
        return AuditEvent.objects.bulk_create(events)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    unchained: int  # events written before the chain existed (no hash), at the start of the trail
    first_break: int | None  # id of the first event whose hash does not follow from the one before
    reason: str = ""


def _events(batch: int = 5000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        page = list(AuditEvent.objects.filter(id__gt=last).order_by("id")[:batch])
        if not page:
            return
        yield from page
        last = page[-1].pk


def verify(events: Iterable[AuditEvent] | None = None) -> ChainReport:
    """Walks the trail in id order and recomputes every hash; stops at the first break."""
    checked = unchained = 0
    previous: str | None = None
    for event in events if events is not None else _events():
        if not event.chain_hash:
            if previous is not None:  # an unhashed event after the chain began: written around it
                return ChainReport(checked, unchained, event.pk, "événement sans empreinte après le début de la chaîne")
            unchained += 1
            continue
        expected = event_hash(event, previous or "")
        if event.chain_hash != expected:
            reason = "contenu modifié, ou événement précédent effacé ou inséré"
            if previous is None and unchained == 0 and checked == 0:
                reason = "début de chaîne manquant ou événement modifié"
            return ChainReport(checked, unchained, event.pk, reason)
        previous = event.chain_hash
        checked += 1
    return ChainReport(checked, unchained, None)
