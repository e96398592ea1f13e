"""The agreed rhythm suggests the next meeting; a follow-up after a miss is closed by the referent only."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.meetings.models import FollowUp
from alliances.meetings.selectors import meetings_for
from alliances.meetings.services import follow_up_done, meeting_accept, meeting_close, meeting_propose, rhythm_set

from ..conftest import World
from .conftest import at, option


def test_the_next_meeting_is_suggested_from_the_rhythm_and_the_last_meeting(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    referent, person = world.user("referent_of"), world.person
    assert meetings_for(actor=referent, person=person).suggestion is None  # no rhythm yet
    rhythm_set(actor=world.user("person_self"), person=person, rhythm="fortnightly")
    first = meetings_for(actor=referent, person=person).suggestion
    assert first is not None and first.on == date(2026, 12, 7)  # no meeting yet: two weeks from today
    assert first.slots[0] == (at(30, 9).replace(month=12, day=7), at(30, 10).replace(month=12, day=7))
    offer = meeting_propose(actor=referent, person=person, worker=referent, options=[option(24, 10)])
    meeting_accept(actor=world.user("person_self"), meeting=offer, option_id=offer.options.get().pk)
    assert meetings_for(actor=referent, person=person).suggestion is None  # the next one is agreed
    clock.move_to(at(24, 11))
    suggestion = meetings_for(actor=referent, person=person).suggestion
    assert suggestion is not None and suggestion.on == date(2026, 12, 8)  # two weeks after the last meeting


def test_no_fixed_rhythm_suggests_nothing_and_an_unknown_rhythm_is_refused(
    world: World, clock: time_machine.Traveller
) -> None:
    rhythm_set(actor=world.user("referent_of"), person=world.person, rhythm="none")
    assert meetings_for(actor=world.user("referent_of"), person=world.person).suggestion is None
    with pytest.raises(ValidationError, match="rythme"):
        rhythm_set(actor=world.user("referent_of"), person=world.person, rhythm="daily")
    assert world.person.meeting_rhythm.rhythm == "none"
    with pytest.raises(AccessDenied):
        rhythm_set(actor=world.user("mediator_shared"), person=world.person, rhythm="weekly")


def test_the_referent_closes_the_follow_up_after_taking_news(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    referent = world.user("referent_of")
    offer = meeting_propose(actor=referent, person=world.person, worker=referent, options=[option(24, 10)])
    meeting = meeting_accept(actor=world.user("person_self"), meeting=offer, option_id=offer.options.get().pk)
    clock.move_to(at(24, 12))
    meeting_close(actor=referent, meeting=meeting, outcome="missed")
    follow_up = FollowUp.objects.get()
    with pytest.raises(AccessDenied):
        follow_up_done(actor=world.user("person_self"), follow_up=follow_up)
    with pytest.raises(AccessDenied):
        follow_up_done(actor=world.user("mediator_shared"), follow_up=follow_up)
    follow_up_done(actor=referent, follow_up=follow_up)
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    assert AuditEvent.objects.filter(detail="nouvelles prises après un rendez-vous manqué").count() == 1


def test_the_history_of_an_agreed_meeting_holds_the_whole_chain(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    from alliances.meetings.services import meeting_counter

    referent = world.user("referent_of")
    offer = meeting_propose(actor=referent, person=world.person, worker=referent, options=[option(24, 10)])
    counter = meeting_counter(actor=world.user("person_self"), meeting=offer, options=[option(25, 15, "video")])
    meeting_accept(actor=referent, meeting=counter, option_id=counter.options.get().pk)
    seen = meetings_for(actor=world.user("person_self"), person=world.person)
    assert seen.proposals == [] and len(seen.upcoming) == 1
    what = [event.what for event in seen.upcoming[0].history]
    assert what == [
        "propose : 24/11/2026 10:00 (Par téléphone)",
        "propose une autre date",
        "propose : 25/11/2026 15:00 (En visioconférence)",
        "accepte : 25/11/2026 15:00",
    ]
    assert AuditEvent.objects.filter(category="meetings", action="read", actor=world.user("person_self")).exists()


def test_a_meeting_under_way_is_listed_once_in_the_agenda(world: World, clock: time_machine.Traveller) -> None:
    """Issue 20: a meeting that had begun was listed under "à venir" and again under "à clore"."""
    from datetime import timedelta

    from alliances.meetings.models import Meeting
    from alliances.meetings.selectors import agenda_for

    from ..conftest import NOW

    meeting = Meeting.objects.create(
        person=world.person,
        worker=world.user("referent_of"),
        proposed_by=world.user("person_self"),
        status="agreed",
        starts_at=NOW - timedelta(minutes=10),
        ends_at=NOW + timedelta(minutes=50),
        place_kind="phone",
    )
    agenda = agenda_for(actor=world.user("referent_of"))
    assert [row.meeting for row in agenda.to_close] == [meeting]
    assert [row.meeting for row in agenda.upcoming] == []
