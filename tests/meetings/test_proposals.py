"""The proposal flow: either side proposes; the other accepts or proposes another; moves and cancellations."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.meetings.models import FollowUp, Meeting, Office
from alliances.meetings.services import (
    meeting_accept,
    meeting_cancel,
    meeting_close,
    meeting_counter,
    meeting_move,
    meeting_propose,
)

from ..conftest import World
from .conftest import at, option


def _propose_from_person(world: World, *options: object) -> Meeting:
    return meeting_propose(
        actor=world.user("person_self"),
        person=world.person,
        worker=world.user("referent_of"),
        options=list(options),  # type: ignore[arg-type]
    )


def test_the_person_proposes_a_place_they_like_and_the_referent_accepts(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    proposal = _propose_from_person(
        world, option(24, 10, "chosen", place_text="Le café du marché des Lices"), option(26, 15, "phone")
    )
    assert proposal.status == "proposed" and proposal.options.count() == 2
    with pytest.raises(ValidationError, match="l'autre côté"):
        meeting_accept(actor=world.user("person_self"), meeting=proposal, option_id=proposal.options.first().pk)  # type: ignore[union-attr]
    chosen = proposal.options.get(place_kind="chosen")
    agreed = meeting_accept(actor=world.user("referent_of"), meeting=proposal, option_id=chosen.pk)
    assert (agreed.status, agreed.starts_at, agreed.place_label) == (
        "agreed",
        at(24, 10),
        "Le café du marché des Lices",
    )
    history = list(agreed.events.values_list("what", flat=True))
    assert history[0].startswith("propose : 24/11/2026 10:00 (Un autre lieu, au choix (café, association…))")
    assert history[1] == "accepte : 24/11/2026 10:00"
    assert AuditEvent.objects.filter(category="meetings", detail="rendez-vous convenu").exists()


def test_the_other_side_proposes_another_date_and_history_is_kept(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    first = meeting_propose(
        actor=world.user("referent_of"), person=world.person, worker=world.user("referent_of"), options=[option(24, 9)]
    )
    second = meeting_counter(actor=world.user("person_self"), meeting=first, options=[option(25, 14, "video")])
    first.refresh_from_db()
    assert first.status == "moved" and second.previous == first
    agreed = meeting_accept(actor=world.user("referent_of"), meeting=second, option_id=second.options.get().pk)
    assert agreed.place_kind == "video"


@pytest.mark.parametrize(
    ("opt", "field"),
    [
        (option(20, 10), "options.0.starts_at"),  # in the past
        (option(24, 10, "castle"), "options.0.place_kind"),  # unknown place
        (option(24, 10, "office"), "options.0.office_id"),  # office without an office
        (option(24, 10, "office", office_id=99999), "options.0.office_id"),
        (option(24, 10, "chosen"), "options.0.place_text"),  # a chosen place must be named
        (option(24, 19), "options.0.starts_at"),  # outside availability
        (option(28, 10), "options.0.starts_at"),  # a Saturday
    ],
)
def test_bad_proposals_get_a_french_message_and_nothing_is_saved(
    world: World, open_week: None, clock: time_machine.Traveller, opt: object, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _propose_from_person(world, opt)
    assert field in error.value.message_dict
    assert not Meeting.objects.exists()


def test_outside_availability_only_when_both_sides_agree(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    proposal = _propose_from_person(world, option(24, 19, outside_availability=True))
    evening = proposal.options.get()
    with pytest.raises(ValidationError, match="confirmez"):
        meeting_accept(actor=world.user("referent_of"), meeting=proposal, option_id=evening.pk)
    agreed = meeting_accept(
        actor=world.user("referent_of"), meeting=proposal, option_id=evening.pk, confirm_outside=True
    )
    assert agreed.status == "agreed"


def test_an_office_meeting_names_the_office(
    world: World, open_week: None, clock: time_machine.Traveller, office: Office
) -> None:
    proposal = _propose_from_person(world, option(24, 10, "office", office_id=office.pk))
    agreed = meeting_accept(actor=world.user("referent_of"), meeting=proposal, option_id=proposal.options.get().pk)
    assert agreed.place_label == "CCAS — accueil centre, 12 rue Saint-Hélier, Rennes"


def _agreed(world: World, day: int = 26, hour: int = 10) -> Meeting:
    proposal = _propose_from_person(world, option(day, hour))
    return meeting_accept(actor=world.user("referent_of"), meeting=proposal, option_id=proposal.options.get().pk)


def test_the_person_moves_with_a_reason_the_referent_sees(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    meeting = _agreed(world)
    new = meeting_move(
        actor=world.user("person_self"), meeting=meeting, options=[option(27, 14)], reason="Mon fils est malade"
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.reason) == ("moved", "Mon fils est malade")
    assert new.previous == meeting and new.status == "proposed"
    assert meeting.reminders.filter(state="pending").count() == 0


def test_the_person_cannot_move_or_cancel_within_the_delay(
    world: World, open_week: None, clock: time_machine.Traveller, settings: object
) -> None:
    meeting = _agreed(world, day=23, hour=14)  # today 14:00, 5 hours from now; delay 24 h
    with pytest.raises(ValidationError, match="moins de 24 heures"):
        meeting_cancel(actor=world.user("person_self"), meeting=meeting, reason="")
    with pytest.raises(ValidationError, match="moins de 24 heures"):
        meeting_move(actor=world.user("person_self"), meeting=meeting, options=[option(27, 14)])
    settings.MEETINGS_CHANGE_DELAY_HOURS = 2  # type: ignore[attr-defined]
    assert meeting_cancel(actor=world.user("person_self"), meeting=meeting, reason="Empêchement").status == "cancelled"


def test_a_missed_meeting_creates_a_caring_follow_up_and_nothing_else(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    from django.core import mail

    meeting = _agreed(world, day=24, hour=10)
    with pytest.raises(ValidationError, match="pas encore commencé"):
        meeting_close(actor=world.user("referent_of"), meeting=meeting, outcome="missed")
    clock.move_to(at(24, 11))
    outbox = len(mail.outbox)
    closed = meeting_close(actor=world.user("referent_of"), meeting=meeting, outcome="missed")
    assert closed.status == "missed"
    follow_up = FollowUp.objects.get(meeting=meeting)
    assert follow_up.referent == world.user("referent_of") and follow_up.done_at is None
    assert len(mail.outbox) == outbox  # sent nowhere: no message, no report


def test_outsiders_cannot_propose(world: World, open_week: None, clock: time_machine.Traveller) -> None:
    for name in ("referent_other", "manager", "officer", "peer_ally", "mediator_unshared"):
        with pytest.raises(AccessDenied):
            meeting_propose(
                actor=world.user(name), person=world.person, worker=world.user("referent_of"), options=[option(24, 10)]
            )
