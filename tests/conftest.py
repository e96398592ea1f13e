import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from alliances.access.categories import Category
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.consent.models import Sharing
from alliances.households.models import Household
from alliances.meetings.models import Office
from alliances.meetings.services import availability_add
from alliances.persons.models import Person

from .factories import PersonFactory, UserFactory, ally, household_for

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _reproducible_factories() -> None:
    """Same generated names on every run, so that a failure can be replayed."""
    import factory.random

    factory.random.reseed_random("alliances")


@dataclass
class World:
    """One person P and everyone around them, as DESIGN.md section 2 describes."""

    person: Person
    household: Household
    actors: dict[str, User | None]
    other_person: Person

    def actor(self, name: str) -> User | None:
        return self.actors[name]

    def user(self, name: str) -> User:
        """A logged-in actor (every name but "anonymous")."""
        user = self.actors[name]
        assert user is not None, name
        return user


@pytest.fixture
def world(db: None) -> World:
    from django.utils import timezone

    person_account = UserFactory.create(person=True, email="camille@alliances.test", phone="+33600000001")
    person = PersonFactory.create(first_names="Camille", last_name="Martin", account=person_account)
    household = household_for(person)

    other_account = UserFactory.create(person=True)
    other_person = PersonFactory.create(first_names="Dominique", last_name="Robert", account=other_account)
    household_for(other_person)

    peer_account = UserFactory.create(peer=True)
    PersonFactory.create(first_names="Auguste", last_name="Pair", account=peer_account)

    actors: dict[str, User | None] = {
        "anonymous": None,
        "person_self": person_account,
        "person_other": other_account,
        "peer_ally": peer_account,
        "referent_of": UserFactory.create(referent=True),
        "referent_other": UserFactory.create(referent=True),
        "mediator_shared": UserFactory.create(mediator=True),
        "mediator_unshared": UserFactory.create(mediator=True),
        "partner_ally": UserFactory.create(partner=True),
        "manager": UserFactory.create(manager=True),
        "officer": UserFactory.create(officer=True),
        "admin": UserFactory.create(admin=True),
    }
    ally(person, actors["referent_of"], AllyRole.REFERENT)  # type: ignore[arg-type]
    ally(other_person, actors["referent_other"], AllyRole.REFERENT)  # type: ignore[arg-type]
    shared = ally(person, actors["mediator_shared"], AllyRole.MEDIATOR)  # type: ignore[arg-type]
    ally(person, actors["mediator_unshared"], AllyRole.MEDIATOR)  # type: ignore[arg-type]
    peer = ally(person, peer_account, AllyRole.PEER)
    ally(person, actors["partner_ally"], AllyRole.PARTNER)  # type: ignore[arg-type]
    now = timezone.now()
    Sharing.objects.bulk_create(
        [
            Sharing(ally=shared, category=Category.IDENTITY, granted_at=now),
            Sharing(ally=shared, category=Category.HOUSEHOLD, granted_at=now),
            Sharing(ally=peer, category=Category.PLAN, granted_at=now),
        ]
    )
    return World(person=person, household=household, actors=actors, other_person=other_person)


ALL_ACTORS = (
    "anonymous",
    "person_self",
    "person_other",
    "peer_ally",
    "referent_of",
    "referent_other",
    "mediator_shared",
    "mediator_unshared",
    "partner_ally",
    "manager",
    "officer",
    "admin",
)


# --- Meetings: a frozen clock and an open week, shared by the domain and the web tests -------------------

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
