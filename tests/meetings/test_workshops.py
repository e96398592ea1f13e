"""Workshops: a capacity, sign-up by persons, leaving frees the place, the organiser sees who comes."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pytest_django.fixtures import DjangoAssertNumQueries

from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.meetings.models import Workshop, WorkshopSignup
from alliances.meetings.selectors import workshop_participants, workshops_open
from alliances.meetings.workshops import (
    workshop_cancel,
    workshop_create,
    workshop_leave,
    workshop_signup,
    workshop_validate,
)

from ..conftest import World
from .conftest import at


def _workshop(world: World, capacity: int = 1) -> Workshop:
    """Organised by the mediator, published once the referent validated it."""
    workshop = workshop_create(
        actor=world.user("mediator_shared"),
        title="Atelier cuisine",
        starts_at=at(26, 14),
        ends_at=at(26, 16),
        capacity=capacity,
        place_text="Maison de quartier",
    )
    return workshop_validate(actor=world.user("referent_of"), workshop=workshop)


def test_the_last_place_goes_to_one_person_and_leaving_frees_it(world: World, clock: time_machine.Traveller) -> None:
    workshop = _workshop(world)
    workshop_signup(actor=world.user("person_self"), workshop=workshop, person=world.person)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        workshop_signup(actor=world.user("person_self"), workshop=workshop, person=world.person)
    with pytest.raises(ValidationError, match="complet"):
        workshop_signup(actor=world.user("person_other"), workshop=workshop, person=world.other_person)
    assert [(row.taken, row.left) for row in workshops_open()] == [(1, 0)]
    workshop_leave(actor=world.user("person_self"), workshop=workshop, person=world.person)
    workshop_signup(actor=world.user("person_other"), workshop=workshop, person=world.other_person)
    assert WorkshopSignup.objects.count() == 2  # leaving keeps the row, dated
    rows = workshops_open(actor=world.user("person_self"), person=world.person)
    assert rows[0].signed is False and rows[0].left == 0


def test_only_the_person_or_their_referent_signs_them_up(world: World, clock: time_machine.Traveller) -> None:
    workshop = _workshop(world, capacity=5)
    with pytest.raises(AccessDenied):
        workshop_signup(actor=world.user("person_other"), workshop=workshop, person=world.person)
    with pytest.raises(AccessDenied):
        workshop_signup(actor=world.user("mediator_shared"), workshop=workshop, person=world.person)
    workshop_signup(actor=world.user("referent_of"), workshop=workshop, person=world.person)
    assert AuditEvent.objects.filter(person_id=world.person.pk, detail="atelier").count() == 1


def test_the_organiser_sees_who_comes_and_each_name_is_audited(
    world: World,
    clock: time_machine.Traveller,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    workshop = _workshop(world, capacity=5)
    workshop_signup(actor=world.user("person_self"), workshop=workshop, person=world.person)
    workshop_signup(actor=world.user("person_other"), workshop=workshop, person=world.other_person)
    other = _workshop(world, capacity=5)
    # The same for any number of workshops. The audit trail's append adds 3 queries to its insert on SQLite
    # (savepoint, last hash, release) and one more on PostgreSQL (its advisory lock).
    from django.db import connection

    with django_assert_max_num_queries(9 if connection.vendor == "postgresql" else 8):
        names = workshop_participants(actor=world.user("mediator_shared"), workshops=[workshop, other])
    assert names == {workshop.pk: ["Camille Martin", "Dominique"], other.pk: []}  # Camille shares her identity
    assert AuditEvent.objects.filter(detail="inscrits à un atelier").count() == 2
    assert workshop_participants(actor=world.user("referent_of"), workshops=[workshop]) == {}


def test_bad_workshops_and_sign_ups_are_refused_with_nothing_saved(world: World, clock: time_machine.Traveller) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"title": " "}, "titre"),
        ({"starts_at": at(20, 14)}, "passé"),
        ({"ends_at": at(26, 13)}, "fin"),
        ({"capacity": 0}, "place"),
        ({"place_text": ""}, "où"),
    ]
    for change, message in cases:
        data: dict[str, Any] = {
            "title": "Atelier",
            "starts_at": at(26, 14),
            "ends_at": at(26, 16),
            "capacity": 3,
            "place_text": "Parc",
            **change,
        }
        with pytest.raises(ValidationError, match=message):
            workshop_create(actor=world.user("mediator_shared"), **data)
    with pytest.raises(ValidationError, match="équipe"):
        workshop_create(
            actor=world.user("person_self"),
            title="x",
            starts_at=at(26, 14),
            ends_at=at(26, 15),
            capacity=2,
            place_text="x",
        )
    assert not Workshop.objects.exists()
    workshop = _workshop(world, capacity=3)
    workshop_cancel(actor=world.user("mediator_shared"), workshop=workshop)
    with pytest.raises(ValidationError, match="annulé"):
        workshop_signup(actor=world.user("person_self"), workshop=workshop, person=world.person)
    started = _workshop(world, capacity=3)
    clock.move_to(started.starts_at + timedelta(minutes=1))
    with pytest.raises(ValidationError, match="commencé"):
        workshop_signup(actor=world.user("person_self"), workshop=started, person=world.person)
    assert not WorkshopSignup.objects.exists()
