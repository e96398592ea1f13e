from django.core.management import call_command

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.households.models import Household, MonthlyIncome
from alliances.persons.models import Person


def test_demo_is_deterministic_realistic_and_idempotent(db: None, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("demo_seed")
    first = list(Person.objects.order_by("id").values_list("last_name", "first_names", "birth_date"))
    assert 270 <= len(first) <= 330
    assert 190 <= Household.objects.count() <= 210
    assert MonthlyIncome.objects.exists()
    assert User.objects.filter(role=Role.REFERENT).count() == 6
    assert User.objects.filter(role=Role.MEDIATOR).count() == 2
    for role in (Role.MANAGER, Role.OFFICER, Role.ADMIN, Role.PARTNER, Role.PEER):
        assert User.objects.filter(role=role).exists()
    assert Person.objects.filter(account__isnull=False).count() >= 10
    # Everyone has exactly one active single referent.
    assert Ally.objects.active().filter(role=AllyRole.REFERENT).count() == len(first)
    # The demo person's alliance has content: both sides' readings over time, goals, a journal.
    from alliances.assessments.models import Reading
    from alliances.circles.models import Interaction
    from alliances.goals.models import Goal

    demo = Person.objects.get(account__email="personne@alliances.test")
    assert set(Reading.objects.filter(person=demo).values_list("side", flat=True)) == {"person", "worker"}
    assert Goal.objects.filter(person=demo, proposed_by="person").count() == 2
    assert Interaction.objects.filter(person=demo).count() == 3
    assert not Ally.objects.active().filter(link_types=[]).exists()
    # Meetings: slots are open, the demo person has one agreed, one proposed, one held, a workshop.
    from alliances.meetings.models import Availability, FollowUp, Meeting, WorkshopSignup

    assert Availability.objects.count() == 6 * 10 + 2 * 2
    assert sorted(Meeting.objects.filter(person=demo).values_list("status", flat=True)) == [
        "agreed",
        "held",
        "proposed",
    ]
    assert FollowUp.objects.count() == 1 and WorkshopSignup.objects.filter(person=demo).count() == 1
    out = capsys.readouterr().out
    assert "referente@alliances.test" in out and "Alliances-demo-2026" in out

    call_command("demo_seed")  # again: reuses what exists
    assert list(Person.objects.order_by("id").values_list("last_name", "first_names", "birth_date")) == first
    assert "Reusing" in capsys.readouterr().out
