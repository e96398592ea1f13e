"""Issue 15: when a cycle counts a quarter of resources (like the RSA), the benefits received count as
their monthly average over the same quarter, as incomes do, not as the last month's amount alone."""

from datetime import date
from decimal import Decimal

from alliances.households.models import Household, MonthlyIncome
from alliances.income.engine.rules import default_values, rules_for
from alliances.income.engine.top_up import compute_top_up
from alliances.income.inputs import inputs_in_range

from .households import enrolled_households

DECEMBER = date(2026, 12, 1)


def _rules(period: str):  # type: ignore[no-untyped-def]
    return rules_for(default_values(), DECEMBER).with_changes(resources_period=period)


def test_benefits_received_are_averaged_over_the_quarter_counted(db: None) -> None:
    (household,) = enrolled_households(1)
    member = household.members.get()
    for month, rsa in ((date(2026, 9, 1), "300"), (date(2026, 10, 1), "300"), (date(2026, 11, 1), "0")):
        MonthlyIncome.objects.create(member=member, income_type="rsa", month=month, amount=Decimal(rsa))
    MonthlyIncome.objects.create(member=member, income_type="rsa", month=date(2026, 8, 1), amount=Decimal(900))
    quarter = _rules("previous_quarter")

    ((_, household_input),) = inputs_in_range(Household.objects.all(), household.pk, household.pk, DECEMBER, quarter)

    assert household_input.received == {"rsa": 200.0}  # (300 + 300 + 0) / 3; August is not counted
    result = compute_top_up(household_input, DECEMBER, quarter)
    assert result.resources == Decimal("200.00")
    assert "RSA reçu 200,00 €" in result.breakdown[1]


def test_one_month_counted_reads_that_months_benefits_only(db: None) -> None:
    (household,) = enrolled_households(1)
    member = household.members.get()
    MonthlyIncome.objects.create(member=member, income_type="aah", month=date(2026, 10, 1), amount=Decimal(500))
    MonthlyIncome.objects.create(member=member, income_type="aah", month=date(2026, 11, 1), amount=Decimal(600))
    previous = _rules("previous_month")

    ((_, household_input),) = inputs_in_range(Household.objects.all(), household.pk, household.pk, DECEMBER, previous)

    assert household_input.received == {"aah": 600.0}
