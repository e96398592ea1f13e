from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_on_household, households_visible_to
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.core.validation import first_of_month
from alliances.persons.models import Person

from .models import Household, Member, MonthlyIncome


def _with_details(queryset: QuerySet[Household]) -> QuerySet[Household]:
    return queryset.select_related("housing").prefetch_related(
        Prefetch("members", queryset=Member.objects.select_related("person").order_by("role", "birth_date", "id"))
    )


def household_get(*, actor: User, household_id: int) -> Household:
    """A household the actor may view, with members and housing; the read is audited."""
    household = _with_details(households_visible_to(actor)).filter(pk=household_id).first()
    if household is None or not can_on_household(actor, Action.VIEW, household):
        raise AccessDenied("Introuvable.")
    audit_record_many(
        actor=actor,
        person_ids=[m.person_id for m in household.members.all() if m.person_id],
        category=Category.HOUSEHOLD,
        action=AuditAction.READ,
        detail=f"foyer {household.reference}",
    )
    return household


def household_id_of_person(*, person: Person) -> int | None:
    return Member.objects.filter(person=person).values_list("household_id", flat=True).first()


def member_get(*, actor: User, household: Household, member_id: int) -> Member:
    member = household.members.filter(pk=member_id).first()
    if member is None:
        raise AccessDenied("Introuvable.")
    return member


def last_months(*, until: date, count: int = 6) -> list[date]:
    """The `count` calendar months ending with `until`'s month, oldest first."""
    month = first_of_month(until)
    months = []
    for _ in range(count):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def income_table(*, household: Household, months: list[date]) -> dict[int, dict[str, dict[date, MonthlyIncome]]]:
    """member id → income type → month → income, for the given months (one query)."""
    table: dict[int, dict[str, dict[date, MonthlyIncome]]] = defaultdict(lambda: defaultdict(dict))
    incomes = MonthlyIncome.objects.filter(member__household=household, member__left_on__isnull=True, month__in=months)
    for income in incomes:
        table[income.member_id][income.income_type][income.month] = income
    return table
