"""Stored households (the database) as rights-engine input."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from alliances.households.enums import IncomeType
from alliances.households.models import Household, Member, MonthlyIncome

from .engine.communes import is_known_commune
from .engine.household import HouseholdError, HouseholdInput, MemberInput
from .engine.months import month_str, parse_month, window

# Our stored income types → the engine's income types (other incomes are not modelled by OpenFisca here).
_INCOMES: dict[str, str] = {
    IncomeType.SALARY_NET: "salary_net",
    IncomeType.UNEMPLOYMENT: "unemployment",
    IncomeType.PENSION: "pension",
    IncomeType.CHILD_SUPPORT: "child_support",
}
_RECEIVED: dict[str, str] = {
    IncomeType.RSA: "rsa",
    IncomeType.PPA: "ppa",
    IncomeType.HOUSING_BENEFIT: "aide_logement",
    IncomeType.AF: "af",
    IncomeType.ASF: "asf",
    IncomeType.AAH: "aah",
    IncomeType.ASPA: "aspa",
}


def households_for_check(queryset: QuerySet[Household], month: str, months: int = 12) -> QuerySet[Household]:
    """Households with housing, members and the incomes of the `months` months ending with `month`
    (12 for the rights engine; the guaranteed income with declared resources needs only the month)."""
    months_wanted = [parse_month(m) for m in window(month, months)]
    return queryset.select_related("housing").prefetch_related(
        Prefetch(
            "members",
            queryset=Member.objects.order_by("id").prefetch_related(
                Prefetch("incomes", queryset=MonthlyIncome.objects.filter(month__in=months_wanted))
            ),
        )
    )


def to_input(household: Household, month: str, *, today: date | None = None) -> HouseholdInput:
    """Raises HouseholdError when the stored household cannot be computed (e.g. no housing)."""
    housing = getattr(household, "housing", None)
    if housing is None:
        raise HouseholdError(household.reference, "housing", "Le logement n'est pas renseigné.")
    if not is_known_commune(housing.commune_code):
        raise HouseholdError(
            household.reference, "commune", f"Le code commune INSEE « {housing.commune_code} » est inconnu."
        )
    current = parse_month(month)
    members: list[MemberInput] = []
    received: dict[str, float] = defaultdict(float)
    for member in household.members.all():
        incomes: dict[str, dict[str, float]] = defaultdict(dict)
        for income in member.incomes.all():
            key = month_str(income.month)
            if income.income_type in _INCOMES:
                incomes[_INCOMES[income.income_type]][key] = float(income.amount)
            elif income.income_type in _RECEIVED and income.month == current:
                received[_RECEIVED[income.income_type]] += float(income.amount)
        members.append(
            MemberInput(
                id=str(member.pk),
                role=member.role,
                birth_date=member.birth_date,
                disability_rate=float(member.disability_rate / Decimal(100)),
                incomes=dict(incomes),
            )
        )
    roles = [m.role for m in members]
    if roles.count("applicant") != 1:
        raise HouseholdError(household.reference, "members", "Le foyer doit compter un demandeur.")
    return HouseholdInput(
        id=household.reference,
        commune=housing.commune_code,
        housing_status=housing.status,
        rent=float(housing.rent),
        members=tuple(members),
        received=dict(received),
    )


def stored_inputs(households: Iterable[Household], month: str) -> Iterator[HouseholdInput | HouseholdError]:
    for household in households:
        try:
            yield to_input(household, month)
        except HouseholdError as error:
            yield error
