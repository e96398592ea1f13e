"""Free slots: opening slots cut into meetings, minus the past, absences and agreed meetings."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.meetings.services import absence_add, meeting_accept, meeting_propose
from alliances.meetings.slots import free_slots

from ..conftest import World
from .conftest import at, option


def test_free_slots_skip_the_past_absences_and_agreed_meetings(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    referent = world.user("referent_of")
    # Monday 23, 9:00 now: the 9:00 slot has started, so the first free one is 10:00.
    assert free_slots(referent, date(2026, 11, 23), days=1)[:2] == [(at(23, 10), at(23, 11)), (at(23, 11), at(23, 12))]
    absence_add(actor=referent, starts_at=at(24, 9), ends_at=at(24, 12), note="formation")
    offer = meeting_propose(actor=referent, person=world.person, worker=referent, options=[option(24, 14)])
    meeting_accept(actor=world.user("person_self"), meeting=offer, option_id=offer.options.get().pk)
    tuesday = free_slots(referent, date(2026, 11, 24), days=1)
    assert [start.hour for start, _ in tuesday] == [15, 16]


def test_free_slots_stop_at_the_limit_and_cost_three_queries(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    with CaptureQueriesContext(connection) as queries:
        slots = free_slots(world.user("referent_of"), date(2026, 11, 30), days=14, limit=5)
    assert len(slots) == 5 and len(queries) == 3
    assert slots[0] == (at(30, 9), at(30, 10))


def test_a_worker_with_no_opening_slot_has_no_free_slot(world: World, clock: time_machine.Traveller) -> None:
    assert free_slots(world.user("mediator_shared"), date(2026, 11, 24)) == []
