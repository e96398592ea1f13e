from collections.abc import Iterator
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from alliances.meetings.models import Office
from alliances.meetings.services import OptionIn, availability_add

from ..conftest import World

PARIS = ZoneInfo("Europe/Paris")
#: Monday 23 November 2026, 9:00 in Rennes.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def office(db: None) -> Office:
    return Office.objects.create(
        name="CCAS — accueil centre", address="12 rue Saint-Hélier, Rennes", accessibility="Plain-pied"
    )


@pytest.fixture
def open_week(world: World, clock: time_machine.Traveller) -> None:
    """The referent is available every weekday from 9:00 to 12:00 and 14:00 to 17:00."""
    for weekday in range(5):
        availability_add(actor=world.user("referent_of"), weekday=weekday, starts=time(9), ends=time(12))
        availability_add(actor=world.user("referent_of"), weekday=weekday, starts=time(14), ends=time(17))


def option(day: int, hour: int, place: str = "phone", **extra: object) -> OptionIn:
    return OptionIn(starts_at=at(day, hour), ends_at=at(day, hour + 1), place_kind=place, **extra)  # type: ignore[arg-type]
