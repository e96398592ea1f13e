"""The alliance in the API: allies, interactions, readings, goals and actions. Same policy, same audit."""

from typing import Any

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, person_allowed
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.assessments.enums import InstrumentCode
from alliances.assessments.selectors import readings_for
from alliances.assessments.services import reading_record
from alliances.circles.enums import AllyRole, InteractionKind, LinkType, WovenBond
from alliances.circles.models import Ally
from alliances.circles.selectors import circle_for, journal_for
from alliances.circles.services import ally_add, interaction_record, referent_handover
from alliances.goals.enums import ActionStatus, Doer, GoalStatus, ProposedBy
from alliances.goals.models import Goal, GoalAction
from alliances.goals.selectors import goal_get, plan_for
from alliances.goals.services import goal_action_add, goal_action_status, goal_create, goal_update

from .params import Day, Id

router = Router(tags=["Alliance"])


def _actor(request: AuthenticatedRequest) -> User:
    return request.user


def _user(user_id: int) -> User:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise ValidationError({"user_id": "Compte inconnu."})
    return user


class AllyIn(Schema):
    model_config = ConfigDict(extra="forbid")
    user_id: Id
    role: AllyRole
    link_types: list[LinkType] = []
    note: str = Field(default="", max_length=300)


class HandoverIn(Schema):
    model_config = ConfigDict(extra="forbid")
    successor_id: Id
    note: str = Field(max_length=5000)
    on: Day | None = None


class InteractionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    occurred_on: Day
    kind: InteractionKind
    summary: str = Field(max_length=5000)
    link_types: list[LinkType]
    bond: WovenBond
    participant_ids: list[Id] = []
    person_took_part: bool = True


class ReadingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    instrument: InstrumentCode
    values: dict[str, int] = {}
    words: dict[str, str] = {}
    comment: str = Field(default="", max_length=2000)
    taken_on: Day | None = None
    together: bool = False


class GoalIn(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=1000)
    bond: WovenBond
    proposed_by: ProposedBy | None = None


class GoalPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=1000)
    bond: WovenBond | None = None
    status: GoalStatus | None = None


class ActionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=300)
    doer: Doer
    link_type: LinkType
    ally_id: Id | None = None
    due_on: Day | None = None


class ActionPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    status: ActionStatus


def _ally_out(ally: Ally) -> dict[str, Any]:
    return {
        "id": ally.pk,
        "user_id": ally.user_id,
        "name": ally.user.get_full_name() or ally.user.get_username(),
        "role": ally.role,
        "started_on": ally.started_on,
        "ended_on": ally.ended_on,
        "link_types": ally.link_types,
        "shared": [s.category for s in ally.sharings.all()] if ally.role != AllyRole.REFERENT else ["all"],
    }


def _action_out(action: GoalAction) -> dict[str, Any]:
    return {
        "id": action.pk,
        "text": action.text,
        "doer": action.doer,
        "ally_id": action.ally_id,
        "due_on": action.due_on,
        "status": action.status,
        "link_type": action.link_type,
    }


def _goal_out(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "person_id": goal.person_id,
        "text": goal.text,
        "bond": goal.bond,
        "proposed_by": goal.proposed_by,
        "status": goal.status,
        "closed_on": goal.closed_on,
        "actions": [_action_out(a) for a in goal.actions.all()],
    }


@router.get("/persons/{person_id}/allies", response={200: list[dict[str, Any]]}, summary="Cercle des allié·es")
def list_allies(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = _actor(request)
    circle = circle_for(actor=actor, person=person_allowed(actor, person_id, Category.CONSENT))
    return Status(200, [_ally_out(m.ally) for m in circle["members"]])


@router.post("/persons/{person_id}/allies", response={201: dict[str, Any]}, summary="Ajouter un·e allié·e")
def add_ally(request: AuthenticatedRequest, person_id: Id, payload: AllyIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.CONSENT, Action.CHANGE)
    ally = ally_add(
        actor=actor,
        person=person,
        user=_user(payload.user_id),
        role=payload.role,
        note=payload.note,
        link_types=[str(t) for t in payload.link_types],
    )
    return Status(201, _ally_out(ally))


@router.post("/persons/{person_id}/handover", response={201: dict[str, Any]}, summary="Passage de relais du référent")
def handover(request: AuthenticatedRequest, person_id: Id, payload: HandoverIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.CONSENT, Action.CHANGE)
    done = referent_handover(
        actor=actor, person=person, successor=_user(payload.successor_id), note=payload.note, on=payload.on
    )
    return Status(201, {"id": done.pk, "on": done.on, "former_id": done.former_id, "successor_id": done.successor_id})


@router.get("/persons/{person_id}/interactions", response={200: list[dict[str, Any]]}, summary="Journal des échanges")
def list_interactions(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    """The journal as the person shares it. Private working notes never come out of the API."""
    actor = _actor(request)
    entries = journal_for(actor=actor, person=person_allowed(actor, person_id, Category.NOTES))
    return Status(
        200,
        [
            {
                "id": e.pk,
                "occurred_on": e.occurred_on,
                "kind": e.kind,
                "summary": e.summary,
                "link_types": e.link_types,
                "bond": e.bond,
                "person_took_part": e.person_took_part,
                "participant_ids": [p.pk for p in e.participants.all()],
            }
            for e in entries
        ],
    )


@router.post("/persons/{person_id}/interactions", response={201: dict[str, Any]}, summary="Ajouter un échange")
def create_interaction(request: AuthenticatedRequest, person_id: Id, payload: InteractionIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.NOTES, Action.CHANGE)
    entry = interaction_record(
        actor=actor,
        person=person,
        occurred_on=payload.occurred_on,
        kind=payload.kind,
        summary=payload.summary,
        link_types=[str(t) for t in payload.link_types],
        bond=payload.bond,
        participant_ids=payload.participant_ids,
        person_took_part=payload.person_took_part,
    )
    return Status(201, {"id": entry.pk})


@router.get("/persons/{person_id}/readings", response={200: dict[str, Any]}, summary="Lectures des deux côtés")
def list_readings(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = _actor(request)
    readings = readings_for(actor=actor, person=person_allowed(actor, person_id, Category.BONDS))
    out: list[dict[str, Any]] = []
    for side, history in readings.bonds_history.items():
        for r in history:
            out.append(
                {
                    "id": r.reading.pk,
                    "instrument": r.reading.instrument,
                    "version": r.reading.version,
                    "side": side,
                    "taken_on": r.reading.taken_on,
                    "values": r.reading.values,
                    "scores": {
                        s.code: {
                            "protection": s.protection,
                            "recognition": s.recognition,
                            "score": s.score,
                            "low": s.low,
                        }
                        for s in r.scores
                    },
                    "cumulative_rupture": r.rupture,
                }
            )
    for side, ladder in readings.ladder_history.items():
        for reading in ladder:
            level = int(reading.values["level"])
            out.append(
                {
                    "id": reading.pk,
                    "instrument": reading.instrument,
                    "version": reading.version,
                    "side": side,
                    "taken_on": reading.taken_on,
                    "values": reading.values,
                    "band": readings.ladder.band(level).code,
                }
            )
    gaps = [{"bond": g.code, "person": g.person, "worker": g.worker, "gap": g.gap} for g in readings.gaps]
    return Status(200, {"readings": out, "gaps": gaps, "cumulative_rupture": readings.rupture})


@router.post("/persons/{person_id}/readings", response={201: dict[str, Any]}, summary="Faire une lecture")
def create_reading(request: AuthenticatedRequest, person_id: Id, payload: ReadingIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.BONDS, Action.CHANGE)
    reading = reading_record(
        actor=actor,
        person=person,
        instrument_code=payload.instrument,
        values=dict(payload.values),
        words=dict(payload.words),
        comment=payload.comment,
        taken_on=payload.taken_on,
        together=payload.together,
    )
    return Status(201, {"id": reading.pk, "side": reading.side, "version": reading.version})


@router.get("/persons/{person_id}/goals", response={200: list[dict[str, Any]]}, summary="Objectifs")
def list_goals(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = _actor(request)
    plan = plan_for(actor=actor, person=person_allowed(actor, person_id, Category.PLAN))
    return Status(200, [_goal_out(g) for g in plan.goals])


@router.post("/persons/{person_id}/goals", response={201: dict[str, Any]}, summary="Ajouter un objectif")
def create_goal(request: AuthenticatedRequest, person_id: Id, payload: GoalIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.PLAN, Action.CHANGE)
    goal = goal_create(
        actor=actor, person=person, text=payload.text, bond=payload.bond, proposed_by=payload.proposed_by
    )
    return Status(201, _goal_out(goal))


@router.patch("/goals/{goal_id}", response={200: dict[str, Any]}, summary="Modifier ou clore un objectif")
def update_goal(request: AuthenticatedRequest, goal_id: Id, payload: GoalPatch) -> Status[Any]:
    actor = _actor(request)
    goal = goal_get(actor=actor, goal_id=goal_id)
    goal = goal_update(
        actor=actor,
        goal=goal,
        text=payload.text if payload.text is not None else goal.text,
        bond=payload.bond or goal.bond,
        status=payload.status or goal.status,
    )
    return Status(200, _goal_out(goal))


@router.post("/goals/{goal_id}/actions", response={201: dict[str, Any]}, summary="Ajouter une action")
def create_action(request: AuthenticatedRequest, goal_id: Id, payload: ActionIn) -> Status[Any]:
    actor = _actor(request)
    goal = goal_get(actor=actor, goal_id=goal_id)
    ally = Ally.objects.filter(pk=payload.ally_id, person_id=goal.person_id).first() if payload.ally_id else None
    if payload.ally_id and ally is None:
        raise ValidationError({"ally_id": "Choisissez un·e allié·e du cercle de la personne."})
    action = goal_action_add(
        actor=actor,
        goal=goal,
        text=payload.text,
        doer=payload.doer,
        link_type=payload.link_type,
        ally=ally,
        due_on=payload.due_on,
    )
    return Status(201, _action_out(action))


@router.patch("/actions/{action_id}", response={200: dict[str, Any]}, summary="Changer l'état d'une action")
def update_action(request: AuthenticatedRequest, action_id: Id, payload: ActionPatch) -> Status[Any]:
    actor = _actor(request)
    action = GoalAction.objects.filter(pk=action_id).select_related("goal").first()
    if action is None:
        raise AccessDenied("Introuvable.")
    goal_get(actor=actor, goal_id=action.goal_id)
    return Status(200, _action_out(goal_action_status(actor=actor, action=action, status=payload.status)))
