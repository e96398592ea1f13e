"""The audit of the income scheme's batch steps and review pages: one event per person of the households
concerned, in one query whatever their number (members who are not followed persons have no file)."""

from django.db.models import QuerySet

from alliances.access.categories import Category
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.households.models import Member


def audit_households(actor: User | None, members: QuerySet[Member], detail: str, action: AuditAction) -> None:
    persons = members.filter(person__isnull=False).order_by().values_list("person_id", flat=True).distinct()
    audit_record_many(actor=actor, person_ids=list(persons), category=Category.HOUSEHOLD, action=action, detail=detail)
