"""Goals in the person's own words, their actions, and delegations. Person and allies write here."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import own_person_id, require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.enums import LinkType, WovenBond
from alliances.circles.models import Ally
from alliances.core.validation import today
from alliances.persons.models import Person

from .enums import ActionStatus, DecidedBy, Doer, GoalStatus, ProposedBy
from .models import Delegation, Goal, GoalAction

MAX_TEXT = 1000


def _record(actor: User, person_id: int, detail: str) -> None:
    audit_record(actor=actor, person_id=person_id, category=Category.PLAN, action=AuditAction.WRITE, detail=detail)


def _check_goal(text: str, bond: str) -> str:
    text = text.strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Écrivez l'objectif, avec vos mots."
    elif len(text) > MAX_TEXT:
        errors["text"] = f"L'objectif est trop long ({MAX_TEXT} caractères au plus)."
    if bond not in WovenBond.values:
        errors["bond"] = "Choisissez le lien que cet objectif sert."
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def goal_create(*, actor: User, person: Person, text: str, bond: str, proposed_by: str | None = None) -> Goal:
    """A goal written from the portal is proposed by the person; an ally says who proposed it."""
    require(actor, Action.CHANGE, person, Category.PLAN)
    text = _check_goal(text, bond)
    if own_person_id(actor) == person.pk:
        proposed_by = ProposedBy.PERSON
    if proposed_by not in ProposedBy.values:
        raise ValidationError({"proposed_by": "Dites qui a proposé cet objectif."})
    goal = Goal.objects.create(person=person, text=text, bond=bond, proposed_by=proposed_by, created_by=actor)
    _record(actor, person.pk, "objectif ajouté")
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, text: str, bond: str, status: str) -> Goal:
    require(actor, Action.CHANGE, goal.person_id, Category.PLAN)
    text = _check_goal(text, bond)
    if status not in GoalStatus.values:
        raise ValidationError({"status": "Choisissez un état dans la liste."})
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    locked.text, locked.bond = text, bond
    if status != locked.status:
        locked.closed_on = None if status == GoalStatus.OPEN else today()
    locked.status = status
    locked.save()
    _record(actor, locked.person_id, f"objectif modifié ({status})")
    return locked


def _check_action(goal: Goal, text: str, doer: str, ally: Ally | None, link_type: str, status: str) -> str:
    text = text.strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Écrivez l'action."
    elif len(text) > 300:
        errors["text"] = "L'action est trop longue (300 caractères au plus)."
    if doer not in Doer.values:
        errors["doer"] = "Dites qui fait cette action."
    elif doer != Doer.PERSON and ally is None:
        errors["ally"] = "Choisissez l'allié·e qui fait l'action avec ou pour la personne."
    if ally is not None and (ally.person_id != goal.person_id or not ally.is_active):
        errors["ally"] = "Choisissez un·e allié·e du cercle de la personne."
    if link_type not in LinkType.values:
        errors["link_type"] = "Choisissez le type de lien de cette action."
    if status not in ActionStatus.values:
        errors["status"] = "Choisissez un état dans la liste."
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def goal_action_add(
    *,
    actor: User,
    goal: Goal,
    text: str,
    doer: str,
    link_type: str,
    ally: Ally | None = None,
    due_on: date | None = None,
) -> GoalAction:
    require(actor, Action.CHANGE, goal.person_id, Category.PLAN)
    text = _check_action(goal, text, doer, ally if doer != Doer.PERSON else None, link_type, ActionStatus.TODO)
    action = GoalAction.objects.create(
        goal=goal,
        text=text,
        doer=doer,
        ally=ally if doer != Doer.PERSON else None,
        due_on=due_on,
        link_type=link_type,
        created_by=actor,
    )
    _record(actor, goal.person_id, "action ajoutée")
    return action


@transaction.atomic
def goal_action_status(*, actor: User, action: GoalAction, status: str) -> GoalAction:
    require(actor, Action.CHANGE, action.goal.person_id, Category.PLAN)
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choisissez un état dans la liste."})
    locked = GoalAction.objects.select_for_update().get(pk=action.pk)
    locked.status = status
    locked.save(update_fields=["status"])
    _record(actor, action.goal.person_id, f"action : {status}")
    return locked


@transaction.atomic
def delegation_create(
    *, actor: User, person: Person, ally: Ally, task: str, decided_by: str, person_consented: bool
) -> Delegation:
    """Records a delegation (ladder level 9 when the person chose it): who decided, consent, revocable."""
    require(actor, Action.CHANGE, person, Category.PLAN)
    if own_person_id(actor) == person.pk:  # the person delegates from her own space: she decides, she consents
        decided_by, person_consented = DecidedBy.PERSON, True
    task = task.strip()
    errors: dict[str, str] = {}
    if not task:
        errors["task"] = "Écrivez ce qui est délégué."
    if decided_by not in DecidedBy.values:
        errors["decided_by"] = "Dites qui a décidé de cette délégation."
    if ally.person_id != person.pk or not ally.is_active:
        errors["ally"] = "Choisissez un·e allié·e du cercle de la personne."
    if errors:
        raise ValidationError(errors)
    delegation = Delegation.objects.create(
        person=person,
        ally=ally,
        task=task,
        decided_by=decided_by,
        person_consented=person_consented,
        revocable=True,
        started_on=today(),
        created_by=actor,
    )
    _record(actor, person.pk, "délégation")
    return delegation


@transaction.atomic
def delegation_revoke(*, actor: User, delegation: Delegation) -> Delegation:
    """The person (or their referent, at their request) takes a delegated task back."""
    require(actor, Action.CHANGE, delegation.person_id, Category.PLAN)
    locked = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if locked.revoked_on is not None:
        raise ValidationError({"delegation": "Cette délégation a déjà été reprise."})
    locked.revoked_on, locked.revoked_by = today(), actor
    locked.save(update_fields=["revoked_on", "revoked_by"])
    _record(actor, locked.person_id, "délégation reprise")
    return locked
