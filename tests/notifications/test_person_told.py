"""She is told when another acts in her file (issue 20): a meeting answered, moved or cancelled by the
other side, a procedure that moves, someone joining or leaving her circle. Each message is checked: short,
plain, nothing personal beyond what is needed, never a sanction. Nothing when she acted herself."""

from datetime import timedelta

import pytest
import time_machine

from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.circles.services import ally_add, ally_end
from alliances.meetings.models import Meeting
from alliances.meetings.services import meeting_cancel
from alliances.notifications.models import Notification
from alliances.rights.services import procedure_start, procedure_transition

from ..conftest import NOW, World
from ..factories import UserFactory


def _texts(world: World) -> list[str]:
    return list(Notification.objects.filter(person=world.person).values_list("text", flat=True))


def _checked(text: str) -> None:
    assert len(text) <= 160 and "sanction" not in text.lower()
    assert "Martin" not in text  # her own last name is never needed


def test_a_procedure_that_moves(world: World) -> None:
    procedure = procedure_start(actor=world.user("referent_of"), person=world.person, benefit="css")
    procedure_transition(actor=world.user("referent_of"), procedure=procedure, to_state="to_claim")
    [text] = _texts(world)
    assert text == "Votre démarche « Complémentaire santé solidaire » avance : à demander."
    _checked(text)
    procedure_transition(actor=world.user("person_self"), procedure=procedure, to_state="submitted")
    assert len(_texts(world)) == 1  # she did it herself


def test_someone_joins_or_leaves_her_circle(world: World) -> None:
    volunteer = UserFactory.create(partner=True, first_name="Hélène")
    ally = ally_add(actor=world.user("referent_of"), person=world.person, user=volunteer, role=AllyRole.PARTNER)
    ally_end(actor=world.user("referent_of"), ally=ally)
    assert _texts(world) == [
        "Hélène ne fait plus partie de votre cercle.",
        "Hélène fait maintenant partie de votre cercle (partenaire).",
    ]
    for text in _texts(world):
        _checked(text)
    other = UserFactory.create(partner=True)
    mine = ally_add(actor=world.user("person_self"), person=world.person, user=other, role=AllyRole.PARTNER)
    ally_end(actor=world.user("person_self"), ally=Ally.objects.get(pk=mine.pk))
    assert len(_texts(world)) == 2


@pytest.mark.usefixtures("clock")
def test_a_meeting_cancelled_by_the_worker(world: World, clock: time_machine.Traveller) -> None:
    starts = NOW + timedelta(days=2)
    meeting = Meeting.objects.create(
        person=world.person,
        worker=world.user("referent_of"),
        proposed_by=world.user("referent_of"),
        status="agreed",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place_kind="phone",
    )
    meeting_cancel(actor=world.user("referent_of"), meeting=meeting, reason="Absente")
    [text] = _texts(world)
    assert text == "Un rendez-vous prévu avec vous est annulé. Vous pouvez en proposer un autre."
    _checked(text)
