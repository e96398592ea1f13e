"""The .ics of a meeting and a worker's feed, parsed back with icalendar."""

import time_machine
from icalendar import Calendar
from pytest_django.fixtures import DjangoAssertNumQueries

from alliances.meetings.ics import meeting_ics, worker_feed
from alliances.meetings.services import meeting_accept, meeting_propose

from ..conftest import World
from .conftest import at, option


def test_meeting_ics_and_worker_feed_parse_back(world: World, open_week: None, clock: time_machine.Traveller) -> None:
    proposal = meeting_propose(
        actor=world.user("person_self"),
        person=world.person,
        worker=world.user("referent_of"),
        options=[option(24, 10, "chosen", place_text="Parc du Thabor, près du kiosque")],
    )
    meeting = meeting_accept(actor=world.user("referent_of"), meeting=proposal, option_id=proposal.options.get().pk)
    calendar = Calendar.from_ical(meeting_ics(meeting))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == at(24, 10)
    assert event.decoded("dtend") == at(24, 11)
    assert str(event["location"]) == "Parc du Thabor, près du kiosque"
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")
    assert str(calendar["version"]) == "2.0"
    feed = Calendar.from_ical(worker_feed(world.user("referent_of")))
    [entry] = feed.walk("VEVENT")
    assert str(entry["summary"]) == "Rendez-vous — Camille"  # first name only in a feed
    assert "Martin" not in worker_feed(world.user("referent_of")).decode()


def test_the_feed_costs_the_same_queries_for_one_or_many_meetings(
    world: World, open_week: None, clock: time_machine.Traveller, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    referent = world.user("referent_of")
    for day in (24, 25, 26):
        proposal = meeting_propose(actor=referent, person=world.person, worker=referent, options=[option(day, 10)])
        meeting_accept(actor=world.user("person_self"), meeting=proposal, option_id=proposal.options.get().pk)
    with django_assert_max_num_queries(1):
        feed = Calendar.from_ical(worker_feed(referent))
    assert len(feed.walk("VEVENT")) == 3
