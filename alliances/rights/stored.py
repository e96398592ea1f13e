"""Stored households (the database) as rights-engine input."""

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from alliances.core.months import month_str, parse_month, window
from alliances.households.communes import is_known_commune
from alliances.households.enums import IncomeType
from alliances.households.input_format import MEMBER_FLAGS, HouseholdError, HouseholdInput, MemberInput
from alliances.households.models import Household, Member, MonthlyIncome

# Our stored income types → the engine's income types (other incomes are not modelled by OpenFisca here).
_INCOMES: dict[str, str] = {
    IncomeType.SALARY_NET: "salary_net",
    IncomeType.UNEMPLOYMENT: "unemployment",
    IncomeType.PENSION: "pension",
    IncomeType.CHILD_SUPPORT: "child_support",
    IncomeType.STUDENT_GRANT: "student_grant",
    IncomeType.SELF_EMPLOYED_SALES: "self_employed_sales",
    IncomeType.SELF_EMPLOYED_SERVICES: "self_employed_services",
    IncomeType.SELF_EMPLOYED_LIBERAL: "self_employed_liberal",
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
    members = list(household.members.all())
    return _assemble(
        household.reference,
        (housing.status, housing.rent, housing.commune_code) if housing is not None else None,
        [(m.pk, m.role, m.birth_date, m.disability_rate, m.situations) for m in members],
        {m.pk: [(i.income_type, i.month, i.amount) for i in m.incomes.all()] for m in members},
        [parse_month(month)],
    )


HousingRow = tuple[str, Decimal, str]  # status, rent, commune code
MemberRow = tuple[int, str, date, Decimal, list[str]]  # id, role, birth date, disability rate (%), situations
IncomeRow = tuple[str, date, Decimal]  # type, month, amount


def _assemble(
    reference: str,
    housing: HousingRow | None,
    members: Iterable[MemberRow],
    incomes: Mapping[int, Iterable[IncomeRow]],
    received_months: Collection[date],
) -> HouseholdInput:
    """One stored household as engine input, from plain rows (models or `values_list`). The benefits
    received are the monthly average over `received_months` (one month for the rights engine; the
    quarter a guaranteed-income cycle counts, like the RSA's trimestrial resources)."""
    if housing is None or housing[0] is None:
        raise HouseholdError(reference, "housing", "Le logement n'est pas renseigné.")
    status, rent, commune = housing
    if not is_known_commune(commune):
        raise HouseholdError(reference, "commune", f"Le code commune INSEE « {commune} » est inconnu.")
    inputs: list[MemberInput] = []
    received: dict[str, float] = defaultdict(float)
    for member_id, role, birth_date, disability_rate, situations in members:
        by_type: dict[str, dict[str, float]] = defaultdict(dict)
        for income_type, income_month, amount in incomes.get(member_id, ()):
            if income_type in _INCOMES:
                by_type[_INCOMES[income_type]][month_str(income_month)] = float(amount)
            elif income_type in _RECEIVED and income_month in received_months:
                received[_RECEIVED[income_type]] += float(amount)
        inputs.append(
            MemberInput(
                id=str(member_id),
                role=role,
                birth_date=birth_date,
                disability_rate=float(disability_rate / Decimal(100)),
                incomes=dict(by_type),
                **{flag: flag in (situations or ()) for flag in MEMBER_FLAGS},
            )
        )
    if [m.role for m in inputs].count("applicant") != 1:
        raise HouseholdError(reference, "members", "Le foyer doit compter un demandeur.")
    return HouseholdInput(
        id=reference,
        commune=commune,
        housing_status=status,
        rent=float(rent),
        members=tuple(inputs),
        received={benefit: round(total / len(received_months), 2) for benefit, total in received.items()},
    )


def inputs_in_id_range(
    households: QuerySet[Household],
    first_id: int,
    last_id: int,
    month: str,
    months: int = 12,
    *,
    only: Collection[int] | None = None,
    received_months: Collection[str] | None = None,
) -> Iterator[tuple[int, HouseholdInput | HouseholdError]]:
    """The households of `households` whose ids lie in [first_id, last_id] (and are in `only`, a few ids,
    when given), as engine input, in id order.

    Three flat queries bounded by the id range (no model instances, no long `IN` lists): what the
    monthly guaranteed-income cycle reads for each chunk of 100,000 households.
    """
    months_wanted = [parse_month(m) for m in window(month, months)]
    rows = households.filter(pk__range=(first_id, last_id)).order_by("pk")
    member_rows = Member.objects.filter(household__id__range=(first_id, last_id))
    income_rows = MonthlyIncome.objects.filter(
        member__household__id__range=(first_id, last_id), member__left_on__isnull=True, month__in=months_wanted
    )
    if only is not None:
        rows = rows.filter(pk__in=only)
        member_rows = member_rows.filter(household_id__in=only)
        income_rows = income_rows.filter(member__household_id__in=only)
    heads = list(rows.values_list("pk", "reference", "housing__status", "housing__rent", "housing__commune_code"))
    members: dict[int, list[MemberRow]] = defaultdict(list)
    for household_id, *member in member_rows.order_by("id").values_list(
        "household_id", "id", "role", "birth_date", "disability_rate", "situations"
    ):
        members[household_id].append(tuple(member))
    incomes: dict[int, list[IncomeRow]] = defaultdict(list)
    for member_id, *income in income_rows.order_by().values_list("member_id", "income_type", "month", "amount"):
        incomes[member_id].append(tuple(income))  # type: ignore[arg-type]
    # the months whose benefits received count (averaged): the month itself unless the caller says
    current = [parse_month(m) for m in received_months or [month]]
    for household_id, reference, status, rent, commune in heads:
        try:
            yield household_id, _assemble(reference, (status, rent, commune), members[household_id], incomes, current)
        except HouseholdError as error:
            yield household_id, error


def stored_inputs(households: Iterable[Household], month: str) -> Iterator[HouseholdInput | HouseholdError]:
    for household in households:
        try:
            yield to_input(household, month)
        except HouseholdError as error:
            yield error
