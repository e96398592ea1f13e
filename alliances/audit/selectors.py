from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for_person(
    *, person_id: int, exclude_actor_id: int | None = None, limit: int = 200
) -> QuerySet[AuditEvent]:
    """Who looked at or changed a person's file, newest first (the person's own access log).

    `exclude_actor_id` leaves out the person's own visits: they are recorded, but are not news to them.
    """
    events = AuditEvent.objects.filter(person_id=person_id)
    if exclude_actor_id is not None:
        events = events.exclude(actor_id=exclude_actor_id)
    return events.select_related("actor").order_by("-occurred_at", "-id")[:limit]
