from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import ValidationError

from alliances.meetings.models import Availability
from alliances.meetings.services import availability_add

from ..conftest import World


def test_weekly_and_one_off_slots(world: World, clock: time_machine.Traveller) -> None:
    referent = world.user("referent_of")
    availability_add(actor=referent, weekday=1, starts=time(9), ends=time(12))
    availability_add(actor=referent, on=date(2026, 11, 25), starts=time(18), ends=time(19))
    assert Availability.objects.filter(worker=referent).count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"on": date(2026, 11, 20), "starts": time(9), "ends": time(10)}, "on"),  # in the past
        ({"on": date(2026, 11, 23), "starts": time(8), "ends": time(10)}, "on"),  # earlier today
        ({"weekday": 1, "starts": time(11), "ends": time(10)}, "ends"),
        ({"weekday": 8, "starts": time(9), "ends": time(10)}, "weekday"),
        ({"starts": time(9), "ends": time(10)}, "on"),
    ],
)
def test_bad_slots_are_refused_in_french(
    world: World, clock: time_machine.Traveller, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        availability_add(actor=world.user("referent_of"), **kwargs)  # type: ignore[arg-type]
    assert field in error.value.message_dict
    assert not Availability.objects.exists()


def test_overlapping_slots_for_the_same_worker_are_refused(world: World, clock: time_machine.Traveller) -> None:
    referent = world.user("referent_of")
    availability_add(actor=referent, weekday=2, starts=time(9), ends=time(12))
    with pytest.raises(ValidationError, match="chevauche"):
        availability_add(actor=referent, weekday=2, starts=time(11), ends=time(13))
    with pytest.raises(ValidationError, match="chevauche"):
        availability_add(actor=referent, on=date(2026, 11, 25), starts=time(10), ends=time(10, 30))  # a Wednesday
    # Another worker, or another day: fine.
    availability_add(actor=world.user("referent_other"), weekday=2, starts=time(11), ends=time(13))
    availability_add(actor=referent, weekday=3, starts=time(11), ends=time(13))
    assert Availability.objects.count() == 3


def test_only_referents_and_mediators_publish(world: World, clock: time_machine.Traveller) -> None:
    with pytest.raises(ValidationError):
        availability_add(actor=world.user("manager"), weekday=1, starts=time(9), ends=time(10))
