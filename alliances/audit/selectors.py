from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for_person(*, person_id: int, limit: int = 200) -> QuerySet[AuditEvent]:
    """Who looked at or changed a person's file, newest first (the person's own access log)."""
    return (
        AuditEvent.objects.filter(person_id=person_id).select_related("actor").order_by("-occurred_at", "-id")[:limit]
    )
