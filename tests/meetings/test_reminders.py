"""Reminders at 48 h and 2 h before (configurable), with a frozen clock; never once the meeting has started."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from alliances.meetings.models import Meeting
from alliances.meetings.reminders import reminders_send_due
from alliances.meetings.services import meeting_accept, meeting_propose, reminder_preference_set
from alliances.notifications.sms import LocmemSmsBackend

from ..conftest import World
from .conftest import at, option


def _agreed(world: World, day: int, hour: int) -> Meeting:
    proposal = meeting_propose(
        actor=world.user("person_self"),
        person=world.person,
        worker=world.user("referent_of"),
        options=[option(day, hour)],
    )
    return meeting_accept(actor=world.user("referent_of"), meeting=proposal, option_id=proposal.options.get().pk)


def test_reminders_go_at_48h_and_2h_before(world: World, open_week: None, clock: time_machine.Traveller) -> None:
    world.person.email = "camille@exemple.fr"
    world.person.save()
    meeting = _agreed(world, day=26, hour=10)  # Thursday 10:00
    assert [r.due_at for r in meeting.reminders.all()] == [at(24, 10), at(26, 8)]
    clock.move_to(at(24, 9, 59))
    assert reminders_send_due()["sent"] == 0
    clock.move_to(at(24, 10))
    assert reminders_send_due()["sent"] == 1
    assert mail.outbox[-1].to == ["camille@exemple.fr"]
    assert "26/11/2026 à 10:00" in mail.outbox[-1].body
    assert mail.outbox[-1].attachments[0][0] == "rendez-vous.ics"
    assert reminders_send_due()["sent"] == 0  # sent once only
    clock.move_to(at(26, 8, 30))
    assert reminders_send_due()["sent"] == 1


def test_no_reminder_once_the_meeting_has_started(world: World, open_week: None, clock: time_machine.Traveller) -> None:
    world.person.email = "camille@exemple.fr"
    world.person.save()
    meeting = _agreed(world, day=26, hour=10)
    clock.move_to(at(26, 10, 5))  # the queue was down; it comes back after the start
    counts = reminders_send_due()
    assert counts == {"sent": 0, "skipped": 2}
    assert set(meeting.reminders.values_list("state", flat=True)) == {"skipped"}
    assert not mail.outbox


def test_delays_are_configurable(
    world: World, open_week: None, clock: time_machine.Traveller, settings: object
) -> None:
    settings.MEETINGS_REMINDER_DELAYS_HOURS = [24]  # type: ignore[attr-defined]
    world.person.email = "camille@exemple.fr"
    world.person.save()
    meeting = _agreed(world, day=26, hour=10)
    assert [r.due_at for r in meeting.reminders.all()] == [at(25, 10)]


def test_sms_reminders_and_opt_out(world: World, open_week: None, clock: time_machine.Traveller) -> None:
    LocmemSmsBackend.outbox.clear()
    reminder_preference_set(actor=world.user("person_self"), person=world.person, channel="sms")
    meeting = _agreed(world, day=26, hour=10)
    clock.move_to(at(24, 10))
    reminders_send_due()
    assert LocmemSmsBackend.outbox[-1]["to"] == world.person.phone
    reminder_preference_set(actor=world.user("person_self"), person=world.person, channel="none")
    clock.move_to(at(24, 11))
    later = _agreed(world, day=27, hour=10)
    assert not later.reminders.exists()
    assert meeting.reminders.filter(state="sent").count() == 1


def test_a_channel_without_a_contact_is_refused(world: World, clock: time_machine.Traveller) -> None:
    world.person.email = ""
    world.person.save()
    with pytest.raises(ValidationError) as error:
        reminder_preference_set(actor=world.user("person_self"), person=world.person, channel="email")
    assert "Aucune adresse électronique" in error.value.message_dict["email"][0]
