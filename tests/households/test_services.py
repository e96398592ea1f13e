from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

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
    income_stopped,
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
    person = PersonFactory.create()
    ally(person, world.user("referent_of"))
    return person


def test_create_household_with_members_and_housing(world: World, new_person) -> None:  # type: ignore[no-untyped-def]
    household = household_create(
        actor=world.user("referent_of"),
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
        ([None, MemberData("Léo", "D", timezone.localdate() + timedelta(days=3), MemberRole.CHILD)], "dans le futur"),
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
            actor=world.user("referent_of"),
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
        household_set_housing(actor=world.user("referent_of"), household=world.household, data=housing)
    assert message in error.value.message_dict[field][0]
    assert Housing.objects.get(household=world.household).rent == before


def test_second_partner_and_removing_the_applicant_are_refused(world: World) -> None:
    referent = world.user("referent_of")
    household_add_member(
        actor=referent,
        household=world.household,
        data=MemberData("Alex", "Martin", date(1984, 2, 2), MemberRole.PARTNER),
    )
    with pytest.raises(ValidationError, match="qu'un seul conjoint"):
        household_add_member(
            actor=referent,
            household=world.household,
            data=MemberData("Bo", "Martin", date(1984, 2, 2), MemberRole.PARTNER),
        )
    applicant = world.household.members.get(role=MemberRole.APPLICANT)
    with pytest.raises(ValidationError, match="doit compter un demandeur"):
        household_remove_member(actor=referent, member=applicant)
    assert world.household.members.count() == 2


def test_incomes_per_member_type_and_month(world: World) -> None:
    referent = world.user("referent_of")
    member = world.household.members.get(role=MemberRole.APPLICANT)
    income_set(
        actor=referent,
        member=member,
        income_type=IncomeType.SALARY_NET,
        month=date(2026, 9, 14),
        amount="812.40",
    )
    income_set(
        actor=referent,
        member=member,
        income_type=IncomeType.SALARY_NET,
        month=date(2026, 9, 1),
        amount="900",
    )
    income = MonthlyIncome.objects.get(member=member)
    assert (income.month, income.amount) == (date(2026, 9, 1), Decimal("900.00"))
    with pytest.raises(ValidationError, match="négatif"):
        income_set(
            actor=referent,
            member=member,
            income_type=IncomeType.SALARY_NET,
            month=date(2026, 9, 1),
            amount="-1",
        )
    with pytest.raises(ValidationError, match="dans la liste"):
        income_set(actor=referent, member=member, income_type="lottery", month=date(2026, 9, 1), amount="1")
    income_set(actor=referent, member=member, income_type=IncomeType.SALARY_NET, month=date(2026, 9, 1), amount="0")
    # A zero is a declared zero, and the 900 € before it stays in the history.
    income = MonthlyIncome.objects.get(member=member)
    assert income.amount == Decimal("0")
    assert [h.amount for h in income.history.order_by("history_id")][-2:] == [Decimal("900.00"), Decimal("0.00")]


def test_services_check_access_again(world: World) -> None:
    member = world.household.members.get(role=MemberRole.APPLICANT)
    for name in ("referent_other", "mediator_shared", "person_self", "manager"):
        with pytest.raises(AccessDenied):
            income_set(
                actor=world.user(name),
                member=member,
                income_type=IncomeType.PENSION,
                month=date(2026, 9, 1),
                amount="100",
            )
    assert not MonthlyIncome.objects.exists()


# --- Security review, finding 1: linking a person into a household --------------------------------------


def test_a_person_the_actor_may_not_change_cannot_be_linked_and_answers_like_a_missing_one(world: World) -> None:
    """A referent cannot link a person they do not refer into their own household (nor learn that they exist)."""
    referent = world.user("referent_of")
    stranger = PersonFactory.create()
    before = Member.objects.count()
    refused: list[str] = []
    for person_id in (stranger.pk, world.other_person.pk, 987654):
        data = MemberData(
            first_name="X", last_name="Y", birth_date=date(1990, 1, 1), role=MemberRole.OTHER, person_id=person_id
        )
        with pytest.raises(ValidationError) as caught:
            household_add_member(actor=referent, household=world.household, data=data)
        refused.append(caught.value.message_dict["person"][0])
    assert refused == ["Cette personne est introuvable."] * 3  # forbidden answers exactly like missing
    assert Member.objects.count() == before


def test_a_person_belongs_to_one_household_at_most(world: World) -> None:
    officer = world.user("officer")
    data = MemberData(
        first_name="Dominique",
        last_name="Robert",
        birth_date=date(1980, 1, 1),
        role=MemberRole.OTHER,
        person_id=world.other_person.pk,
    )
    with pytest.raises(ValidationError, match="autre foyer"):
        household_add_member(actor=officer, household=world.household, data=data)
    # And the database holds it too, whatever writes.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(
            household=world.household,
            person=world.other_person,
            first_name="D",
            last_name="R",
            birth_date=date(1980, 1, 1),
            role=MemberRole.OTHER,
        )


def test_editing_another_adult_of_the_household_does_not_need_their_file(world: World) -> None:
    """The partner's own file may belong to another referent: changing the member's row keeps its link."""
    referent = world.user("referent_of")
    partner = Member.objects.create(
        household=world.household,
        person=PersonFactory.create(),
        first_name="Alex",
        last_name="Martin",
        birth_date=date(1984, 1, 1),
        role=MemberRole.PARTNER,
    )
    from alliances.households.services import household_update_member

    household_update_member(
        actor=referent,
        member=partner,
        data=MemberData(
            first_name="Alex",
            last_name="Martin",
            birth_date=date(1984, 2, 1),
            role=MemberRole.PARTNER,
            person_id=partner.person_id,
        ),
    )
    partner.refresh_from_db()
    assert partner.birth_date == date(1984, 2, 1)


# --- Security review, finding 7: nothing deleted without a trace ---------------------------------------------


def test_removing_a_member_ends_the_membership_and_keeps_the_incomes(world: World) -> None:
    referent = world.user("referent_of")
    partner = household_add_member(
        actor=referent,
        household=world.household,
        data=MemberData(first_name="Alex", last_name="Martin", birth_date=date(1984, 1, 1), role=MemberRole.PARTNER),
    )
    for month in (9, 10, 11):
        income_set(
            actor=referent, member=partner, income_type=IncomeType.SALARY_NET, month=date(2026, month, 1), amount="696"
        )
    household_remove_member(actor=referent, member=partner, left_on=date(2026, 11, 30))

    assert not world.household.members.filter(pk=partner.pk).exists()  # out of the current household
    kept = Member.with_former.get(pk=partner.pk)
    assert kept.left_on == date(2026, 11, 30)
    assert MonthlyIncome.objects.filter(member=kept).count() == 3  # 2,088 € of incomes not erased
    history = list(kept.history.order_by("history_id"))
    assert [h.left_on for h in history] == [None, date(2026, 11, 30)]
    assert history[-1].history_user == referent or history[-1].history_user is None


def test_a_former_member_leaves_every_current_calculation(world: World) -> None:
    referent = world.user("referent_of")
    partner = household_add_member(
        actor=referent,
        household=world.household,
        data=MemberData(first_name="Alex", last_name="Martin", birth_date=date(1984, 1, 1), role=MemberRole.PARTNER),
    )
    income_set(actor=referent, member=partner, income_type=IncomeType.SALARY_NET, month=date(2026, 10, 1), amount="900")
    household_remove_member(actor=referent, member=partner)
    from alliances.households.selectors import income_table

    table = income_table(household=world.household, months=[date(2026, 10, 1)])
    assert partner.pk not in table
    from alliances.rights.stored import households_for_check, inputs_in_id_range, to_input

    one = households_for_check(Household.objects.filter(pk=world.household.pk), "2026-11")
    assert [m.id for m in to_input(one.get(), "2026-11").members] == [
        str(m.pk) for m in world.household.members.order_by("id")
    ]
    ((_, chunk),) = inputs_in_id_range(Household.objects.all(), world.household.pk, world.household.pk, "2026-11")
    assert str(partner.pk) not in [m.id for m in chunk.members]  # type: ignore[union-attr]


def test_changes_of_identity_household_and_incomes_are_kept_with_old_and_new_values(world: World) -> None:
    from alliances.persons.services import person_update

    referent = world.user("referent_of")
    person_update(actor=referent, person=world.person, phone="0611223344")
    person_update(actor=referent, person=world.person, phone="0699887766")
    phones = [h.phone for h in world.person.history.order_by("history_id")]
    assert phones[-2:] == ["+33611223344", "+33699887766"]
    household_set_housing(
        actor=referent, household=world.household, data=HousingData(status="tenant", commune_code="35238", rent="400")
    )
    household_set_housing(
        actor=referent, household=world.household, data=HousingData(status="tenant", commune_code="35238", rent="450")
    )
    rents = [h.rent for h in Housing.history.filter(household=world.household).order_by("history_id")]
    assert rents[-2:] == [Decimal("400.00"), Decimal("450.00")]
    delta = Housing.history.filter(household=world.household).order_by("history_id").last()
    assert delta is not None
    changes = {c.field: (c.old, c.new) for c in delta.diff_against(delta.prev_record).changes}
    assert changes == {"rent": (Decimal("400.00"), Decimal("450.00"))}


def test_an_unknown_commune_code_is_refused_at_entry(world: World) -> None:
    """Money review (issue 15), item 4: 99999 was accepted, then failed on the Droits tab."""
    with pytest.raises(ValidationError) as caught:
        household_set_housing(
            actor=world.user("referent_of"),
            household=world.household,
            data=HousingData(status="tenant", commune_code="99999", rent="400"),
        )
    assert caught.value.message_dict["commune_code"] == ["Le code commune INSEE « 99999 » est inconnu."]
    assert Housing.objects.get(household=world.household).commune_code == "35238"


def test_a_members_situations_are_recorded_checked_and_reach_the_engine(world) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from alliances.households.models import Member
    from alliances.households.services import MemberData, household_add_member
    from alliances.rights.stored import households_for_check, to_input

    officer = world.user("referent_of")
    child = household_add_member(
        actor=officer,
        household=world.household,
        data=MemberData("Léo", "Martin", date(2015, 3, 1), "child", situations=["alternating_custody", "student"]),
    )
    assert child.situations == ["alternating_custody", "student"]
    before = Member.objects.count()
    for bad, message in ((["alternating_custody"], "Seul un enfant"), (["astronaute"], "dans la liste")):
        with pytest.raises(ValidationError, match=message):
            household_add_member(
                actor=officer,
                household=world.household,
                data=MemberData("Ana", "Martin", date(1990, 3, 1), "other", situations=bad),
            )
    assert Member.objects.count() == before
    loaded = households_for_check(type(world.household).objects.filter(pk=world.household.pk), "2026-11").get()
    engine_child = next(m for m in to_input(loaded, "2026-11").members if m.id == str(child.pk))
    assert engine_child.alternating_custody and engine_child.student and not engine_child.pregnant


def test_today_is_the_day_in_france_not_on_the_servers_clock(world: World) -> None:
    """At 00:30 in Paris on 1 January the server's UTC clock still says 31 December: a member who leaves
    "today" leaves on 1 January, and an income that ended on 1 January is not "in the future"."""
    import time_machine

    referent = world.user("referent_of")
    partner = household_add_member(
        actor=referent,
        household=world.household,
        data=MemberData(first_name="Alex", last_name="Martin", birth_date=date(1984, 1, 1), role=MemberRole.PARTNER),
    )
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False):
        income_stopped(
            actor=referent,
            member=partner,
            income_type=IncomeType.SALARY_NET,
            ended_on=date(2027, 1, 1),
            through=date(2027, 1, 1),
        )
        household_remove_member(actor=referent, member=partner)
    partner.refresh_from_db()
    assert partner.left_on == date(2027, 1, 1)


def test_the_rights_engine_reads_today_in_france() -> None:
    import time_machine

    from alliances.households.input_format import france_today

    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False):
        assert france_today() == date(2027, 1, 1)
