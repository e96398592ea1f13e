"""Workshops proposed by mediators and peers: published once a referent or a manager validates them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.meetings.models import Workshop
from alliances.meetings.selectors import workshops_open, workshops_proposed
from alliances.meetings.workshops import workshop_create, workshop_signup, workshop_validate
from alliances.notifications.models import Notification
from alliances.peers.services import profile_offer

from ..conftest import World


def _propose(actor, **overrides):  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(days=3)
    values = {
        "title": "Faire sa déclaration trimestrielle",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 8,
        "place_text": "Centre social du Blosne",
        "theme": "social",
        "procedure_code": "caf_quarterly_declaration",
    }
    values.update(overrides)
    return workshop_create(actor=actor, **values)


def test_a_mediators_workshop_waits_for_a_referent(world: World) -> None:
    workshop = _propose(world.user("mediator_shared"))
    assert workshop.validated_at is None
    assert workshops_open() == [] and workshops_proposed() == [workshop]
    with pytest.raises(ValidationError, match="pas encore publié"):
        workshop_signup(actor=world.user("person_self"), workshop=workshop, person=world.person)
    with pytest.raises(ValidationError):
        workshop_validate(actor=world.user("mediator_unshared"), workshop=workshop)
    workshop_validate(actor=world.user("referent_of"), workshop=workshop)
    assert [row.workshop for row in workshops_open()] == [workshop]
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        workshop_validate(actor=world.user("manager"), workshop=workshop)


def test_a_referents_workshop_is_published_at_once(world: World) -> None:
    workshop = _propose(world.user("referent_of"))
    assert workshop.validated_by == world.user("referent_of")


def test_a_peer_who_offered_to_help_proposes_and_is_told_the_answer(world: World) -> None:
    peer = world.user("peer_ally")
    with pytest.raises(ValidationError):
        _propose(peer)  # no offer to help yet
    profile_offer(actor=peer, experiences=["debt"], procedures=[], languages=["fr"], availability=[], capacity=2)
    workshop = _propose(peer)
    workshop_validate(actor=world.user("manager"), workshop=workshop, publish=False)
    workshop.refresh_from_db()
    assert workshop.cancelled_at is not None and workshops_open() == []
    [message] = Notification.objects.filter(kind="workshop_answered")
    assert "n'a pas pu être retenu" in message.text


@pytest.mark.parametrize(("field", "value"), [("theme", "astrologie"), ("procedure_code", "nope"), ("capacity", 0)])
def test_a_bad_proposal_writes_nothing(world: World, field: str, value: object) -> None:
    with pytest.raises(ValidationError) as error:
        _propose(world.user("mediator_shared"), **{field: value})
    assert field in error.value.message_dict
    assert not Workshop.objects.exists()


def test_a_person_without_an_offer_cannot_propose(world: World) -> None:
    with pytest.raises(ValidationError):
        _propose(world.user("person_self"))
