"""Issue 15, item 6: a household with nothing declared for the month is never paid in silence. By
default (`undeclared_resources` = zero) it is counted on 0 €, listed for the officer and told so; with
`hold` its top-up is held back until it declares, then paid as arrears with the next month."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import CharField

from alliances.households.models import MonthlyIncome
from alliances.income.engine.rules import RulesError, default_values, rules_for
from alliances.income.models import Correction, Entitlement, Payment, SchemeRule
from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay, enrollment_set

from ..conftest import World
from ..factories import UserFactory

NOVEMBER, DECEMBER = date(2026, 11, 1), date(2026, 12, 1)


@pytest.fixture
def enrolled(world: World) -> None:
    enrollment_set(
        actor=world.user("officer"),
        household=world.household,
        enrolled=True,
        iban="FR7630006000011234567890189",
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )


def _paid(world: World, month: date) -> None:
    first, second = world.user("officer"), UserFactory.create(officer=True)
    cycle = cycle_open(actor=first, month=month)
    cycle_compute(actor=first, cycle=cycle)
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle)


def test_by_default_nothing_declared_is_paid_on_zero_flagged_and_said(world: World, enrolled: None) -> None:
    _paid(world, NOVEMBER)
    entitlement = Entitlement.objects.get(month=NOVEMBER)
    assert entitlement.amount == Decimal("867.00") and not entitlement.resources_declared
    assert any("Aucune ressource n'est déclarée pour ce mois" in line for line in entitlement.breakdown)


def test_held_until_declared_then_paid_as_arrears(world: World, enrolled: None) -> None:
    SchemeRule.objects.create(
        name="undeclared_resources", valid_from=NOVEMBER, value="hold", source="Test : retenir sans déclaration"
    )
    _paid(world, NOVEMBER)
    november = Entitlement.objects.get(month=NOVEMBER)
    assert november.amount == 0 and not november.resources_declared
    assert any("le complément est retenu" in line for line in november.breakdown)
    assert not Payment.objects.exists()
    member = world.household.members.get(role="applicant")
    for month in (NOVEMBER, DECEMBER):  # the person declares: no income either month
        MonthlyIncome.objects.create(member=member, income_type="salary_net", month=month, amount=Decimal(0))
    _paid(world, DECEMBER)
    arrears = Correction.objects.get(month_concerned=NOVEMBER)
    assert arrears.kind == "arrears" and arrears.amount == Decimal("867.00")
    payment = Payment.objects.get(entitlement__month=DECEMBER)
    assert payment.amount == Decimal("1734.00") and payment.corrections_total == Decimal("867.00")


def test_an_unknown_value_of_the_rule_is_refused_in_french() -> None:
    values = [v for v in default_values() if v.name != "undeclared_resources"]
    from alliances.income.engine.rules import DatedValue

    values.append(DatedValue("undeclared_resources", date(2020, 1, 1), "peut-etre", "test"))
    with pytest.raises(RulesError, match="ressources non déclarées"):
        rules_for(values, NOVEMBER)


def test_a_month_paid_nothing_gets_arrears_when_its_resources_turn_out_lower(world: World, enrolled: None) -> None:
    member = world.household.members.get(role="applicant")
    november = MonthlyIncome.objects.create(
        member=member, income_type="salary_net", month=NOVEMBER, amount=Decimal(900)
    )
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=DECEMBER, amount=Decimal(900))
    _paid(world, NOVEMBER)
    assert Entitlement.objects.get(month=NOVEMBER).amount == 0 and not Payment.objects.exists()
    november.amount = Decimal(500)  # the salary was 500 €, not 900 €
    november.save()
    _paid(world, DECEMBER)
    assert Correction.objects.get(month_concerned=NOVEMBER).amount == Decimal("367.00")


def test_a_cycle_with_the_month_before_rule_reads_that_months_incomes_and_benefits(
    world: World, enrolled: None
) -> None:
    SchemeRule.objects.create(
        name="resources_period", valid_from=DECEMBER, value="previous_month", source="Test : le mois précédent"
    )
    member = world.household.members.get(role="applicant")
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=NOVEMBER, amount=Decimal(300))
    MonthlyIncome.objects.create(member=member, income_type="aah", month=NOVEMBER, amount=Decimal(100))
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=DECEMBER, amount=Decimal(800))
    _paid(world, DECEMBER)
    december = Entitlement.objects.get(month=DECEMBER)
    assert december.resources == Decimal("400.00") and december.amount == Decimal("467.00")
    assert december.resources_declared


def test_a_turnover_recorded_on_the_file_reaches_the_cycle(world: World, enrolled: None) -> None:
    member = world.household.members.get(role="applicant")
    MonthlyIncome.objects.create(member=member, income_type="self_employed_sales", month=NOVEMBER, amount=Decimal(1000))
    _paid(world, NOVEMBER)
    assert Entitlement.objects.get(month=NOVEMBER).resources == Decimal("290.00")  # 1000 − 71 %


def test_a_cycle_with_the_last_known_rule_reads_the_months_before(world: World, enrolled: None) -> None:
    SchemeRule.objects.create(
        name="undeclared_resources", valid_from=NOVEMBER, value="last_known", source="Test : dernières connues"
    )
    member = world.household.members.get(role="applicant")
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=date(2026, 9, 1), amount=Decimal(200))
    _paid(world, NOVEMBER)
    november = Entitlement.objects.get(month=NOVEMBER)
    assert november.resources == Decimal("200.00") and november.amount == Decimal("667.00")
    assert not november.resources_declared  # still listed for the officer


def _max_length(name: str) -> int:
    field = SchemeRule._meta.get_field(name)
    assert isinstance(field, CharField) and field.max_length is not None
    return field.max_length


def test_every_default_rule_fits_its_columns() -> None:
    """SQLite does not enforce a CharField's length; PostgreSQL refuses the migration that loads it."""
    name, value, source = (_max_length(f) for f in ("name", "value", "source"))
    for rule in default_values():
        assert len(rule.name) <= name and len(rule.value) <= value and len(rule.source) <= source, rule.name
