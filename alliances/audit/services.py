"""Writes audit events. Every read or write of a person's data calls one of these."""

from collections.abc import Iterable

from alliances.access.categories import Category
from alliances.accounts.models import User

from .chain import append
from .context import RequestContext, current_context
from .enums import AuditAction
from .models import AuditEvent


def _event(
    context: RequestContext,
    actor: User | None,
    person_id: int | None,
    category: Category | str,
    action: AuditAction,
    detail: str,
) -> AuditEvent:
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_role=getattr(actor, "role", "") or "",
        person_id=person_id,
        category=str(category),
        action=action,
        detail=detail[:200],
        request_id=context.request_id,
        ip_address=context.ip_address,
        path=context.path[:300],
    )


def _new(
    context: RequestContext, actor: User | None, person_id: int | None, category: str, action: str, detail: str
) -> bool:
    """Whether this event is new in this request (a web request records each one once; tasks and
    commands, which keep one context for their whole life, record everything and remember nothing)."""
    if not context.deduplicate:
        return True
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    key = (actor_id, person_id, category, str(action), detail[:200])
    context.recorded.add((actor_id, person_id))
    if key in context.recorded:
        return False
    context.recorded.add(key)
    return True


def audit_record(
    *,
    actor: User | None,
    person_id: int | None,
    category: Category | str,
    action: AuditAction,
    detail: str = "",
) -> AuditEvent | None:
    """Records one event (None when this very event was already recorded by the same web request)."""
    context = current_context()
    if not _new(context, actor, person_id, str(category), action, detail):
        return None
    event = _event(context, actor, person_id, category, action, detail)
    return _record(context, [event])[0]


def audit_record_many(
    *,
    actor: User | None,
    person_ids: Iterable[int],
    category: Category | str,
    action: AuditAction,
    detail: str = "",
) -> int:
    """One event per person, in one query (for list pages and API lists)."""
    context = current_context()
    events = [
        _event(context, actor, person_id, category, action, detail)
        for person_id in dict.fromkeys(person_ids)
        if _new(context, actor, person_id, str(category), action, detail)
    ]
    _record(context, events)
    return len(events)


def _record(context: RequestContext, events: list[AuditEvent]) -> list[AuditEvent]:
    """Writes the events now, or, for a web request's reads, when the request ends (`flush_reads`)."""
    if not events:
        return events
    if context.deduplicate and all(event.action == AuditAction.READ for event in events):
        context.reads.extend(events)
        return events
    return append(events)


def flush_reads(context: RequestContext) -> None:
    """Writes the reads a web request recorded, in one append to the chain (called as it ends)."""
    if context.reads:
        reads = list(context.reads)
        context.reads.clear()
        append(reads)


def audit_page_view(*, actor: User | None, person_id: int, category: Category | str) -> None:
    """A page about a person was shown: if nothing this request read or wrote recorded it (a form that
    shows the person's name, say), one read of the page's part of the file is recorded."""
    context = current_context()
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    if (actor_id, person_id) not in context.recorded:
        audit_record(actor=actor, person_id=person_id, category=category, action=AuditAction.READ, detail="page")
