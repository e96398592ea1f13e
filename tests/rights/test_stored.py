from datetime import date
from decimal import Decimal

import pytest

from alliances.households.input_format import HouseholdError, HouseholdInput
from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.rights.stored import households_for_check, inputs_in_id_range, to_input

pytestmark = pytest.mark.django_db


def _household(reference: str, *, housing: bool = True, applicant: bool = True, income: str = "900") -> Household:
    household = Household.objects.create(reference=reference)
    member = Member.objects.create(
        household=household,
        role="applicant" if applicant else "partner",
        first_name="A",
        last_name=reference,
        birth_date=date(1980, 5, 1),
        disability_rate=Decimal("50"),
    )
    Member.objects.create(
        household=household, role="child", first_name="B", last_name=reference, birth_date=date(2015, 1, 1)
    )
    for month in (date(2026, 10, 1), date(2026, 11, 1)):
        MonthlyIncome.objects.create(member=member, income_type="salary_net", month=month, amount=Decimal(income))
    MonthlyIncome.objects.create(member=member, income_type="af", month=date(2026, 11, 1), amount=Decimal("141.99"))
    if housing:
        Housing.objects.create(household=household, status="tenant", rent=Decimal("450"), commune_code="35238")
    return household


def test_rows_read_by_id_range_give_the_same_input_as_the_models() -> None:
    households = [_household("H1"), _household("H2", income="1200.50")]
    by_range = dict(inputs_in_id_range(Household.objects.all(), households[0].pk, households[-1].pk, "2026-11", 12))
    for household in households_for_check(Household.objects.all(), "2026-11"):
        assert by_range[household.pk] == to_input(household, "2026-11")
    second = by_range[households[1].pk]
    assert isinstance(second, HouseholdInput)
    assert second.received == {"af": 141.99}
    assert second.members[0].incomes == {"salary_net": {"2026-10": 1200.5, "2026-11": 1200.5}}


def test_only_the_months_asked_are_read() -> None:
    household = _household("H1")
    (_, one_month), *_ = inputs_in_id_range(Household.objects.all(), household.pk, household.pk, "2026-11", 1)
    assert not isinstance(one_month, HouseholdError)
    assert one_month.members[0].incomes == {"salary_net": {"2026-11": 900.0}}


def test_households_that_cannot_be_computed_come_back_as_errors() -> None:
    first = _household("H1", housing=False)
    last = _household("H2", applicant=False)
    results = dict(inputs_in_id_range(Household.objects.all(), first.pk, last.pk, "2026-11"))
    refused_first, refused_last = results[first.pk], results[last.pk]
    assert isinstance(refused_first, HouseholdError) and refused_first.field == "housing"
    assert isinstance(refused_last, HouseholdError) and refused_last.field == "members"


def test_three_queries_however_many_households(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    households = [_household(f"H{index}") for index in range(6)]
    with django_assert_num_queries(3):
        assert (
            len(list(inputs_in_id_range(Household.objects.all(), households[0].pk, households[-1].pk, "2026-11"))) == 6
        )
