"""Goals in the person's words, with actions and delegations the person can take back."""

import pytest
from django.core.exceptions import ValidationError

from alliances.access.policy import AccessDenied
from alliances.circles.models import Ally
from alliances.goals.models import Delegation, Goal
from alliances.goals.selectors import plan_for
from alliances.goals.services import (
    delegation_create,
    delegation_revoke,
    goal_action_add,
    goal_action_status,
    goal_create,
    goal_update,
)

from ..conftest import World


def _mediator(world: World) -> Ally:
    return Ally.objects.get(person=world.person, user=world.user("mediator_shared"))


def test_a_goal_written_by_the_person_is_proposed_by_the_person(world: World) -> None:
    goal = goal_create(
        actor=world.user("person_self"),
        person=world.person,
        text="  Retrouver un travail dans la cuisine  ",
        bond="work",
        proposed_by="ally",
    )
    assert (goal.text, goal.proposed_by, goal.status) == ("Retrouver un travail dans la cuisine", "person", "open")


@pytest.mark.parametrize(
    ("text", "bond", "field"), [("", "work", "text"), ("   ", "work", "text"), ("x", "money", "bond")]
)
def test_a_goal_without_text_or_bond_is_refused(world: World, text: str, bond: str, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        goal_create(actor=world.user("person_self"), person=world.person, text=text, bond=bond)
    assert field in error.value.message_dict
    assert not Goal.objects.exists()


def test_a_referent_says_who_proposed(world: World) -> None:
    with pytest.raises(ValidationError):
        goal_create(actor=world.user("referent_of"), person=world.person, text="Ouvrir la CSS", bond="citizenship")
    goal = goal_create(
        actor=world.user("referent_of"),
        person=world.person,
        text="Ouvrir la CSS",
        bond="citizenship",
        proposed_by="together",
    )
    assert goal.proposed_by == "together"


def test_closing_and_reopening_a_goal(world: World) -> None:
    goal = goal_create(actor=world.user("person_self"), person=world.person, text="Voir ma sœur", bond="family_friends")
    closed = goal_update(actor=world.user("person_self"), goal=goal, text=goal.text, bond=goal.bond, status="reached")
    assert closed.closed_on is not None
    reopened = goal_update(actor=world.user("person_self"), goal=goal, text=goal.text, bond=goal.bond, status="open")
    assert reopened.closed_on is None


def test_actions_say_who_does_them(world: World) -> None:
    goal = goal_create(actor=world.user("person_self"), person=world.person, text="Passer le permis", bond="work")
    alone = goal_action_add(
        actor=world.user("person_self"), goal=goal, text="M'inscrire", doer="person", link_type="capacitation"
    )
    together = goal_action_add(
        actor=world.user("referent_of"),
        goal=goal,
        text="Demander l'aide au permis",
        doer="together",
        ally=_mediator(world),
        link_type="facilitation",
    )
    assert alone.ally is None and together.ally == _mediator(world)
    with pytest.raises(ValidationError) as error:
        goal_action_add(
            actor=world.user("referent_of"), goal=goal, text="Sans allié", doer="ally", link_type="adaptation"
        )
    assert "ally" in error.value.message_dict
    assert goal_action_status(actor=world.user("person_self"), action=alone, status="done").status == "done"
    assert goal.actions.count() == 2


def test_delegation_records_who_decided_consent_and_can_be_revoked(world: World) -> None:
    chosen = delegation_create(
        actor=world.user("person_self"),
        person=world.person,
        ally=_mediator(world),
        task="Faire la déclaration trimestrielle CAF",
        decided_by="person",
        person_consented=False,  # ignored: the person's own delegation is consented by construction
    )
    assert chosen.person_consented and chosen.revocable and chosen.chosen
    imposed = delegation_create(
        actor=world.user("referent_of"),
        person=world.person,
        ally=_mediator(world),
        task="Renouveler le titre de séjour",
        decided_by="ally",
        person_consented=False,
    )
    assert not imposed.chosen  # level 3, not 9: recorded as such
    revoked = delegation_revoke(actor=world.user("person_self"), delegation=chosen)
    assert revoked.revoked_on is not None and revoked.revoked_by == world.user("person_self")
    with pytest.raises(ValidationError):
        delegation_revoke(actor=world.user("person_self"), delegation=chosen)
    assert Delegation.objects.filter(revoked_on__isnull=True).count() == 1


def test_plan_follows_the_policy(world: World) -> None:
    goal_create(actor=world.user("person_self"), person=world.person, text="Voir ma sœur", bond="family_friends")
    assert (
        len(plan_for(actor=world.user("peer_ally"), person=world.person).goals) == 1
    )  # the plan is shared with the peer
    with pytest.raises(AccessDenied):
        goal_create(actor=world.user("peer_ally"), person=world.person, text="x", bond="work")
    for name in ("mediator_shared", "manager", "admin", "officer", "referent_other"):
        with pytest.raises(AccessDenied):
            plan_for(actor=world.user(name), person=world.person)
