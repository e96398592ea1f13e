from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from alliances.access.policy import AccessDenied
from alliances.households.enums import IncomeType, MemberRole
from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.households.services import (
    HouseholdData,
    HousingData,
    MemberData,
    household_add_member,
    household_create,
    household_remove_member,
    household_set_housing,
    income_set,
)

from ..conftest import World
from ..factories import PersonFactory, ally


def _applicant(person_id: int) -> MemberData:
    return MemberData(
        first_name="Sam",
        last_name="Durand",
        birth_date=date(1990, 1, 1),
        role=MemberRole.APPLICANT,
        person_id=person_id,
    )


def _messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@pytest.fixture
def new_person(world: World):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    ally(person, world.actor("referent_of"))  # type: ignore[arg-type]
    return person


def test_create_household_with_members_and_housing(world: World, new_person) -> None:  # type: ignore[no-untyped-def]
    household = household_create(
        actor=world.actor("referent_of"),
        data=HouseholdData(
            members=[
                _applicant(new_person.pk),
                MemberData(first_name="Léo", last_name="Durand", birth_date=date(2018, 3, 2), role=MemberRole.CHILD),
            ],
            housing=HousingData(status="tenant", commune_code="35238", rent="480.50"),
        ),
    )
    assert household.members.count() == 2
    assert household.housing.rent == Decimal("480.50")


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([MemberData("Léo", "D", date(2018, 3, 2), MemberRole.CHILD)], "doit compter un demandeur"),
        (
            [
                None,
                MemberData("A", "B", date(1980, 1, 1), MemberRole.PARTNER),
                MemberData("C", "D", date(1981, 1, 1), MemberRole.PARTNER),
            ],
            "qu'un seul conjoint",
        ),
        ([None, "same"], "figure déjà dans le foyer"),
        ([None, MemberData("Léo", "D", date.today() + timedelta(days=3), MemberRole.CHILD)], "dans le futur"),
    ],
    ids=["no-applicant", "two-partners", "same-person-twice", "future-birth-date"],
)
def test_invalid_compositions_are_refused_and_nothing_is_written(world: World, new_person, members, message) -> None:  # type: ignore[no-untyped-def]
    resolved = []
    for member in members:
        if member is None:
            resolved.append(_applicant(new_person.pk))
        elif member == "same":
            resolved.append(MemberData("Sam", "Durand", date(1990, 1, 1), MemberRole.OTHER, person_id=new_person.pk))
        else:
            resolved.append(member)
    counts = (Household.objects.count(), Member.objects.count(), Housing.objects.count())
    with pytest.raises(ValidationError) as error:
        household_create(
            actor=world.actor("referent_of"),
            data=HouseholdData(
                members=resolved, housing=HousingData(status="tenant", commune_code="35238", rent="400")
            ),
        )
    assert message in _messages(error.value)
    assert (Household.objects.count(), Member.objects.count(), Housing.objects.count()) == counts


@pytest.mark.parametrize(
    ("housing", "field", "message"),
    [
        (HousingData(status="tenant", commune_code="35238", rent="-10"), "rent", "ne peut pas être négatif"),
        (HousingData(status="tenant", commune_code="3523", rent="10"), "commune_code", "5 caractères"),
        (HousingData(status="castle", commune_code="35238", rent="10"), "status", "dans la liste"),
        (HousingData(status="tenant", commune_code="35238", rent="abc"), "rent", "doit être un nombre"),
    ],
)
def test_bad_housing_is_refused_with_a_french_message(world: World, housing, field, message) -> None:  # type: ignore[no-untyped-def]
    before = Housing.objects.get(household=world.household).rent
    with pytest.raises(ValidationError) as error:
        household_set_housing(actor=world.actor("referent_of"), household=world.household, data=housing)  # type: ignore[arg-type]
    assert message in error.value.message_dict[field][0]
    assert Housing.objects.get(household=world.household).rent == before


def test_second_partner_and_removing_the_applicant_are_refused(world: World) -> None:
    referent = world.actor("referent_of")
    household_add_member(
        actor=referent,
        household=world.household,  # type: ignore[arg-type]
        data=MemberData("Alex", "Martin", date(1984, 2, 2), MemberRole.PARTNER),
    )
    with pytest.raises(ValidationError, match="qu'un seul conjoint"):
        household_add_member(
            actor=referent,
            household=world.household,  # type: ignore[arg-type]
            data=MemberData("Bo", "Martin", date(1984, 2, 2), MemberRole.PARTNER),
        )
    applicant = world.household.members.get(role=MemberRole.APPLICANT)
    with pytest.raises(ValidationError, match="doit compter un demandeur"):
        household_remove_member(actor=referent, member=applicant)  # type: ignore[arg-type]
    assert world.household.members.count() == 2


def test_incomes_per_member_type_and_month(world: World) -> None:
    referent = world.actor("referent_of")
    member = world.household.members.get(role=MemberRole.APPLICANT)
    income_set(
        actor=referent,
        member=member,
        income_type=IncomeType.SALARY_NET,
        month=date(2026, 9, 14),  # type: ignore[arg-type]
        amount="812.40",
    )
    income_set(
        actor=referent,
        member=member,
        income_type=IncomeType.SALARY_NET,
        month=date(2026, 9, 1),  # type: ignore[arg-type]
        amount="900",
    )
    income = MonthlyIncome.objects.get(member=member)
    assert (income.month, income.amount) == (date(2026, 9, 1), Decimal("900.00"))
    with pytest.raises(ValidationError, match="négatif"):
        income_set(
            actor=referent,
            member=member,
            income_type=IncomeType.SALARY_NET,
            month=date(2026, 9, 1),  # type: ignore[arg-type]
            amount="-1",
        )
    with pytest.raises(ValidationError, match="dans la liste"):
        income_set(actor=referent, member=member, income_type="lottery", month=date(2026, 9, 1), amount="1")  # type: ignore[arg-type]
    income_set(actor=referent, member=member, income_type=IncomeType.SALARY_NET, month=date(2026, 9, 1), amount="0")  # type: ignore[arg-type]
    assert not MonthlyIncome.objects.filter(member=member).exists()


def test_services_check_access_again(world: World) -> None:
    member = world.household.members.get(role=MemberRole.APPLICANT)
    for name in ("referent_other", "mediator_shared", "person_self", "manager"):
        with pytest.raises(AccessDenied):
            income_set(
                actor=world.actor(name),
                member=member,
                income_type=IncomeType.PENSION,  # type: ignore[arg-type]
                month=date(2026, 9, 1),
                amount="100",
            )
    assert not MonthlyIncome.objects.exists()
