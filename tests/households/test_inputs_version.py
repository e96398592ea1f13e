"""A household's inputs version moves with every change of what the income cycle reads, whatever
wrote it (database triggers, on SQLite and on PostgreSQL)."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import F

from alliances.households.models import Household, Housing, Member, MonthlyIncome

NOVEMBER = date(2026, 11, 1)


def _household(reference: str) -> Household:
    household = Household.objects.create(reference=reference)
    Housing.objects.create(household=household, status="tenant", rent=Decimal(500), commune_code="35238")
    applicant = Member.objects.create(
        household=household, role="applicant", first_name="A", last_name=reference, birth_date=date(1980, 1, 1)
    )
    MonthlyIncome.objects.create(member=applicant, income_type="salary_net", month=NOVEMBER, amount=Decimal(400))
    return household


def _version(household: Household) -> int:
    return Household.objects.values_list("inputs_version", flat=True).get(pk=household.pk)


def _add_child(household: Household) -> None:
    Member.objects.create(household=household, role="child", first_name="C", last_name="X", birth_date=date(2015, 1, 1))


CHANGES: dict[str, Callable[[Household], object]] = {
    "an income added": lambda h: MonthlyIncome.objects.create(
        member=h.members.get(), income_type="salary_net", month=date(2026, 12, 1), amount=Decimal(1)
    ),
    "an income changed by a bulk update": lambda h: MonthlyIncome.objects.filter(member__household=h).update(
        amount=F("amount") + 300
    ),
    "an income deleted": lambda h: MonthlyIncome.objects.filter(member__household=h).delete(),
    "a member added": _add_child,
    "a member's birth date changed": lambda h: Member.objects.filter(household=h).update(birth_date=date(1981, 1, 1)),
    "a member removed, with their incomes": lambda h: h.members.get().delete(),
    "the rent changed": lambda h: Housing.objects.filter(household=h).update(rent=Decimal(650)),
    "the housing removed": lambda h: Housing.objects.filter(household=h).delete(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_change_of_the_inputs_moves_the_version_of_that_household_only(
    change: Callable[[Household], object],
) -> None:
    changed, other = _household("F1"), _household("F2")
    before, other_before = _version(changed), _version(other)
    change(changed)
    assert _version(changed) > before
    assert _version(other) == other_before


@pytest.mark.django_db
def test_a_bulk_insert_moves_each_household_concerned() -> None:
    households = [_household(f"F{index}") for index in range(3)]
    before = [_version(h) for h in households]
    MonthlyIncome.objects.bulk_create(
        MonthlyIncome(member=h.members.get(), income_type="pension", month=NOVEMBER, amount=Decimal(10))
        for h in households[:2]
    )
    assert [_version(h) - b for h, b in zip(households, before, strict=True)] == [1, 1, 0]


@pytest.mark.django_db
def test_the_household_row_itself_is_not_an_input() -> None:
    household = _household("F1")
    before = _version(household)
    Household.objects.filter(pk=household.pk).update(reference="F1-bis")
    assert _version(household) == before
