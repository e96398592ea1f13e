"""Two persons take the last slot at once: one gets it, the other a clear message (on PostgreSQL)."""

import threading
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.meetings.models import Meeting
from alliances.meetings.services import meeting_accept, meeting_propose

from ..conftest import World
from ..factories import ally
from .conftest import option


@pytest.mark.django_db(transaction=True)
def test_two_persons_take_the_last_slot_at_once(world: World, open_week: None, clock: time_machine.Traveller) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (row locks); SQLite serialises writers anyway.")
    referent = world.user("referent_of")
    # The same referent for both persons: hand the other person over to them first.
    Ally.objects.filter(person=world.other_person, role=AllyRole.REFERENT).update(ended_on=date(2026, 11, 1))
    ally(world.other_person, referent, AllyRole.REFERENT)
    offers = [
        meeting_propose(actor=referent, person=person, worker=referent, options=[option(24, 10)])
        for person in (world.person, world.other_person)
    ]
    accounts = [world.user("person_self"), world.user("person_other")]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def take(index: int) -> None:
        try:
            barrier.wait()
            meeting = offers[index]
            meeting_accept(actor=accounts[index], meeting=meeting, option_id=meeting.options.get().pk)
            outcomes.append("agreed")
        except ValidationError as error:
            outcomes.append(error.message_dict["option"][0])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(outcomes) == [
        "Ce créneau vient d'être pris. Choisissez-en un autre ou proposez une autre date.",
        "agreed",
    ]
    assert Meeting.objects.filter(status="agreed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_persons_take_the_last_workshop_place_at_once(world: World, clock: time_machine.Traveller) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (row locks); SQLite serialises writers anyway.")
    from alliances.meetings.models import WorkshopSignup
    from alliances.meetings.workshops import workshop_create, workshop_signup, workshop_validate

    from .conftest import at

    workshop = workshop_create(
        actor=world.user("mediator_shared"),
        title="Atelier cuisine",
        starts_at=at(26, 14),
        ends_at=at(26, 16),
        capacity=1,
        place_text="Maison de quartier",
    )
    workshop = workshop_validate(actor=world.user("referent_of"), workshop=workshop)
    pairs = [(world.user("person_self"), world.person), (world.user("person_other"), world.other_person)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def take(index: int) -> None:
        try:
            barrier.wait()
            actor, person = pairs[index]
            workshop_signup(actor=actor, workshop=workshop, person=person)
            outcomes.append("signed")
        except ValidationError as error:
            outcomes.append(error.message_dict["workshop"][0])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(outcomes) == ["Cet atelier est complet. Demandez à l'équipe s'il y aura une autre date.", "signed"]
    assert WorkshopSignup.objects.count() == 1
