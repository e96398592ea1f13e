"""Writes audit events. Every read or write of a person's data calls one of these."""

from collections.abc import Iterable

from alliances.access.categories import Category
from alliances.accounts.models import User

from .context import current_context
from .enums import AuditAction
from .models import AuditEvent


def _event(
    actor: User | None, person_id: int | None, category: Category | str, action: AuditAction, detail: str
) -> AuditEvent:
    context = current_context()
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


def audit_record(
    *,
    actor: User | None,
    person_id: int | None,
    category: Category | str,
    action: AuditAction,
    detail: str = "",
) -> AuditEvent:
    event = _event(actor, person_id, category, action, detail)
    event.save()
    return event


def audit_record_many(
    *,
    actor: User | None,
    person_ids: Iterable[int],
    category: Category | str,
    action: AuditAction,
    detail: str = "",
) -> int:
    """One event per person, in one query (for list pages and API lists)."""
    events = [_event(actor, person_id, category, action, detail) for person_id in dict.fromkeys(person_ids)]
    AuditEvent.objects.bulk_create(events)
    return len(events)
