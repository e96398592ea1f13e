"""The circle: one active referent, explicit handover, link types, nobody twice."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can, forget, persons_visible_to
from alliances.audit.models import AuditEvent
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally, Handover
from alliances.circles.selectors import circle_for
from alliances.circles.services import ally_add, ally_end, ally_links_set, referent_handover
from alliances.core.validation import today

from ..conftest import World
from ..factories import UserFactory


def _ally(world: World, name: str) -> Ally:
    return Ally.objects.get(person=world.person, user=world.user(name), ended_on__isnull=True)


def test_handover_gives_the_file_to_the_successor_and_takes_it_from_the_former(world: World) -> None:
    former, successor = world.user("referent_of"), world.user("referent_other")
    assert can(former, Action.VIEW, world.person, Category.BONDS)
    handover = referent_handover(actor=former, person=world.person, successor=successor, note="Je pars en congé long.")
    forget(former)
    forget(successor)
    for category in (Category.IDENTITY, Category.BONDS, Category.PLAN, Category.NOTES, Category.CONSENT):
        assert not can(former, Action.VIEW, world.person, category)
        assert can(successor, Action.VIEW, world.person, category)
    assert not persons_visible_to(former).filter(pk=world.person.pk).exists()
    active = Ally.objects.active().filter(person=world.person, role=AllyRole.REFERENT)
    assert [a.user_id for a in active] == [successor.pk]
    assert handover.former.ended_on == today() and handover.note == "Je pars en congé long."
    assert AuditEvent.objects.filter(person_id=world.person.pk, detail="passage de relais").count() == 1


def test_the_person_can_ask_for_a_handover_themself(world: World) -> None:
    referent_handover(
        actor=world.user("person_self"), person=world.person, successor=world.user("referent_other"), note="Mon choix."
    )
    assert Handover.objects.filter(person=world.person).count() == 1


@pytest.mark.parametrize(
    ("successor", "note", "days", "field"),
    [
        ("referent_other", "   ", 0, "note"),
        ("referent_other", "Relais", -1, "on"),  # -1: tomorrow
        ("mediator_shared", "Relais", 0, "successor"),
        ("referent_of", "Relais", 0, "successor"),
    ],
)
def test_a_bad_handover_changes_nothing(world: World, successor: str, note: str, days: int, field: str) -> None:
    before = list(Ally.objects.filter(person=world.person).values_list("id", "ended_on"))
    with pytest.raises(ValidationError) as error:
        referent_handover(
            actor=world.user("referent_of"),
            person=world.person,
            successor=world.user(successor),
            note=note,
            on=today() - timedelta(days=days),
        )
    assert field in error.value.message_dict
    assert list(Ally.objects.filter(person=world.person).values_list("id", "ended_on")) == before
    assert not Handover.objects.exists()


def test_a_second_active_referent_is_refused_in_french(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        ally_add(
            actor=world.user("referent_of"),
            person=world.person,
            user=UserFactory.create(referent=True),
            role="referent",
        )
    assert "passage de relais" in error.value.message_dict["role"][0]
    assert Ally.objects.active().filter(person=world.person, role=AllyRole.REFERENT).count() == 1


def test_the_same_ally_twice_is_refused(world: World) -> None:
    count = Ally.objects.filter(person=world.person).count()
    with pytest.raises(ValidationError) as error:
        ally_add(actor=world.user("person_self"), person=world.person, user=world.user("partner_ally"), role="partner")
    assert error.value.message_dict["user"] == ["Cette personne fait déjà partie du cercle."]
    assert Ally.objects.filter(person=world.person).count() == count


def test_outsiders_cannot_add_to_a_circle(world: World) -> None:
    for name in ("referent_other", "mediator_shared", "manager", "admin", "officer"):
        with pytest.raises(AccessDenied):
            ally_add(actor=world.user(name), person=world.person, user=UserFactory.create(partner=True), role="partner")


def test_link_types_are_kept_in_order_and_unknown_ones_refused(world: World) -> None:
    ally = _ally(world, "mediator_shared")
    saved = ally_links_set(actor=world.user("person_self"), ally=ally, link_types=["facilitation", "consideration"])
    assert saved.link_types == ["consideration", "facilitation"]
    with pytest.raises(ValidationError):
        ally_links_set(actor=world.user("person_self"), ally=ally, link_types=["surveillance"])
    ally.refresh_from_db()
    assert ally.link_types == ["consideration", "facilitation"]


def test_an_ally_leaves_but_the_referent_only_by_handover(world: World) -> None:
    partner = world.user("partner_ally")
    ally_end(actor=world.user("person_self"), ally=_ally(world, "partner_ally"))
    forget(partner)
    assert not persons_visible_to(partner).filter(pk=world.person.pk).exists()
    with pytest.raises(ValidationError):
        ally_end(actor=world.user("person_self"), ally=_ally(world, "referent_of"))


def test_circle_shows_link_types_and_what_is_shared_and_is_audited(world: World) -> None:
    ally_links_set(actor=world.user("person_self"), ally=_ally(world, "mediator_shared"), link_types=["capacitation"])
    circle = circle_for(actor=world.user("person_self"), person=world.person)
    mediator = next(m for m in circle["members"] if m.ally.user_id == world.user("mediator_shared").pk)
    assert mediator.link_types == [("capacitation", "Capacitation")]
    assert mediator.shared == ["Identité et contact", "Foyer et ressources"]
    referent = next(m for m in circle["members"] if m.ally.role == AllyRole.REFERENT)
    assert "tout le dossier" in referent.shared[0]
    assert AuditEvent.objects.filter(person_id=world.person.pk, detail="cercle", action="read").exists()
    with pytest.raises(AccessDenied):
        circle_for(actor=world.user("mediator_shared"), person=world.person)
