import pytest
from django.core.exceptions import ValidationError

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can, forget
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.circles.services import ally_add
from alliances.consent.models import Sharing, SharingChange
from alliances.consent.services import sharing_grant, sharing_withdraw

from ..conftest import World
from ..factories import UserFactory


def _ally(world: World, name: str) -> Ally:
    return Ally.objects.get(person=world.person, user=world.actor(name))


def test_person_grants_then_withdraws_and_both_are_recorded(world: World) -> None:
    me = world.user("person_self")
    partner = world.user("partner_ally")
    ally = _ally(world, "partner_ally")
    sharing_grant(actor=me, ally=ally, category=Category.PLAN)
    assert can(partner, Action.VIEW, world.person, Category.PLAN)
    sharing_withdraw(actor=me, ally=ally, category=Category.PLAN)
    forget(partner)  # the policy remembers per request; a new request starts afresh
    assert not can(partner, Action.VIEW, world.person, Category.PLAN)
    history = list(SharingChange.objects.filter(ally=ally).order_by("id").values_list("granted", "changed_by"))
    assert history == [(True, me.pk), (False, me.pk)]


def test_granting_twice_records_once(world: World) -> None:
    me = world.user("person_self")
    ally = _ally(world, "partner_ally")
    sharing_grant(actor=me, ally=ally, category=Category.PLAN)
    sharing_grant(actor=me, ally=ally, category=Category.PLAN)
    assert Sharing.objects.filter(ally=ally).count() == 1
    assert SharingChange.objects.filter(ally=ally).count() == 1


def test_only_the_person_or_their_referent_changes_sharing(world: World) -> None:
    ally = _ally(world, "partner_ally")
    for name in ("mediator_shared", "partner_ally", "officer", "manager", "referent_other"):
        with pytest.raises(AccessDenied):
            sharing_grant(actor=world.actor(name), ally=ally, category=Category.PLAN)  # type: ignore[arg-type]
    sharing_grant(actor=world.user("referent_of"), ally=ally, category=Category.PLAN)
    assert SharingChange.objects.get(ally=ally).changed_by == world.user("referent_of")


def test_unshareable_category_and_referent_are_refused(world: World) -> None:
    me = world.user("person_self")
    with pytest.raises(ValidationError, match="ne peut pas être partagée"):
        sharing_grant(actor=me, ally=_ally(world, "partner_ally"), category="audit")
    with pytest.raises(ValidationError, match="accède déjà"):
        sharing_grant(actor=me, ally=_ally(world, "referent_of"), category=Category.PLAN)
    assert not SharingChange.objects.exists()


def test_second_active_referent_and_same_ally_twice_are_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="passage de relais"):
        ally_add(actor=None, person=world.person, user=UserFactory.create(referent=True), role=AllyRole.REFERENT)
    with pytest.raises(ValidationError, match="fait déjà partie du cercle"):
        ally_add(actor=None, person=world.person, user=world.user("partner_ally"), role=AllyRole.PARTNER)
    with pytest.raises(ValidationError, match="ne peut pas tenir ce rôle"):
        ally_add(actor=None, person=world.person, user=world.user("manager"), role=AllyRole.MEDIATOR)
    assert Ally.objects.filter(person=world.person).count() == 5
