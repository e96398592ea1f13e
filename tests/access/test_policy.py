import pytest

from alliances.access.actions import Action
from alliances.access.categories import SHAREABLE, Category
from alliances.access.policy import (
    can,
    can_view_caseload_aggregates,
    forget,
    households_visible_to,
    name_visible_to,
    persons_visible_to,
)
from alliances.circles.models import Ally
from alliances.consent.models import Sharing

from ..conftest import ALL_ACTORS, World


def test_default_deny_for_anonymous_and_inactive(world: World) -> None:
    assert not any(can(None, Action.VIEW, world.person, category) for category in Category)
    referent = world.user("referent_of")
    assert referent is not None
    referent.is_active = False
    assert not can(referent, Action.VIEW, world.person, Category.IDENTITY)
    assert not persons_visible_to(referent).exists()


def test_referent_sees_and_changes_the_whole_file(world: World) -> None:
    referent = world.user("referent_of")
    for category in SHAREABLE:
        assert can(referent, Action.VIEW, world.person, category)
        assert can(referent, Action.CHANGE, world.person, category)
    assert not can(referent, Action.VIEW, world.other_person, Category.IDENTITY)


def test_person_sees_own_file_and_access_log_but_no_one_else(world: World) -> None:
    me = world.user("person_self")
    assert all(can(me, Action.VIEW, world.person, category) for category in Category)
    assert can(me, Action.CHANGE, world.person, Category.CONSENT)
    assert not can(me, Action.CHANGE, world.person, Category.HOUSEHOLD)
    assert not any(can(me, Action.VIEW, world.other_person, category) for category in Category)


def test_ally_sees_only_what_is_shared(world: World) -> None:
    mediator = world.user("mediator_shared")
    assert can(mediator, Action.VIEW, world.person, Category.IDENTITY)
    assert can(mediator, Action.VIEW, world.person, Category.HOUSEHOLD)
    assert not can(mediator, Action.VIEW, world.person, Category.NOTES)
    assert not can(mediator, Action.CHANGE, world.person, Category.HOUSEHOLD)
    for name in ("mediator_unshared", "partner_ally"):
        assert not any(can(world.actor(name), Action.VIEW, world.person, c) for c in Category)


def test_peer_sees_first_name_only_unless_identity_is_shared(world: World) -> None:
    peer = world.user("peer_ally")
    assert name_visible_to(peer, world.person) == "Camille"
    assert can(peer, Action.VIEW, world.person, Category.PLAN)
    assert name_visible_to(world.user("referent_of"), world.person) == "Camille Martin"


def test_manager_sees_aggregates_never_a_file(world: World) -> None:
    manager = world.user("manager")
    assert can_view_caseload_aggregates(manager)
    assert not persons_visible_to(manager).exists()
    assert not any(can(manager, Action.VIEW, world.person, c) for c in Category)


def test_officer_sees_household_and_resources_not_support(world: World) -> None:
    officer = world.user("officer")
    assert can(officer, Action.VIEW, world.person, Category.HOUSEHOLD)
    assert can(officer, Action.CHANGE, world.person, Category.HOUSEHOLD)
    for category in (Category.NOTES, Category.BONDS, Category.PLAN, Category.MEETINGS, Category.CONSENT):
        assert not can(officer, Action.VIEW, world.person, category)


def test_admin_sees_no_personal_data(world: World) -> None:
    admin = world.user("admin")
    assert not persons_visible_to(admin).exists()
    assert not any(can(admin, Action.VIEW, world.person, c) for c in Category)


@pytest.mark.parametrize("actor_name", ALL_ACTORS)
@pytest.mark.parametrize("category", [None, *Category])
def test_queryset_filter_agrees_with_can(world: World, actor_name: str, category: Category | None) -> None:
    actor = world.actor(actor_name)
    for person in (world.person, world.other_person):
        in_filter = persons_visible_to(actor, category).filter(pk=person.pk).exists()
        if category is None:
            continue
        assert in_filter == can(actor, Action.VIEW, person, category), (actor_name, category, person)


@pytest.mark.parametrize("actor_name", ALL_ACTORS)
def test_households_filter_agrees_with_can(world: World, actor_name: str) -> None:
    actor = world.actor(actor_name)
    expected = can(actor, Action.VIEW, world.person, Category.HOUSEHOLD)
    assert households_visible_to(actor).filter(pk=world.household.pk).exists() == expected


def test_ended_alliance_loses_access(world: World) -> None:
    mediator = world.user("mediator_shared")
    assert mediator is not None
    Ally.objects.filter(user=mediator).update(ended_on="2026-06-01")
    forget(mediator)
    assert not can(mediator, Action.VIEW, world.person, Category.IDENTITY)
    assert not persons_visible_to(mediator).filter(pk=world.person.pk).exists()


def test_withdrawn_sharing_loses_access(world: World) -> None:
    mediator = world.user("mediator_shared")
    assert mediator is not None
    Sharing.objects.filter(ally__user=mediator, category=Category.HOUSEHOLD).delete()
    forget(mediator)
    assert not can(mediator, Action.VIEW, world.person, Category.HOUSEHOLD)
    assert can(mediator, Action.VIEW, world.person, Category.IDENTITY)
