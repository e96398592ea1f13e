"""Meetings in the API: free slots, proposals, answers, moves, cancellations, outcomes, workshops.
Same policy, same audit, same French messages as the site."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can_see_free_slots,
    can_use_portal,
    may_answer_proposal,
    may_close_meeting,
    own_person_id,
    person_allowed,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.meetings.enums import MeetingStatus, PlaceKind
from alliances.meetings.models import Meeting, MeetingOption, Workshop
from alliances.meetings.selectors import MeetingView, meeting_get, meetings_for, workshops_open
from alliances.meetings.services import (
    OptionIn,
    meeting_accept,
    meeting_cancel,
    meeting_close,
    meeting_counter,
    meeting_move,
    meeting_propose,
)
from alliances.meetings.slots import free_slots
from alliances.meetings.workshops import workshop_leave, workshop_signup

from .params import Day, Id, Moment

router = Router(tags=["Rendez-vous"])


def _actor(request: AuthenticatedRequest) -> User:
    return request.user


class OptionSchema(Schema):
    model_config = ConfigDict(extra="forbid")
    starts_at: Moment
    ends_at: Moment
    place_kind: str = Field(max_length=10, description=f"Un de : {', '.join(PlaceKind.values)}")
    office_id: Id | None = None
    place_text: str = Field(default="", max_length=200)
    outside_availability: bool = False


class ProposalIn(Schema):
    model_config = ConfigDict(extra="forbid")
    worker_id: Id
    options: list[OptionSchema]


class OptionsIn(Schema):
    model_config = ConfigDict(extra="forbid")
    options: list[OptionSchema]
    reason: str = Field(default="", max_length=500)


class AcceptIn(Schema):
    model_config = ConfigDict(extra="forbid")
    option_id: Id
    confirm_outside: bool = False


class CancelIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(default="", max_length=500)


class CloseIn(Schema):
    model_config = ConfigDict(extra="forbid")
    outcome: str = Field(max_length=10, description="held ou missed")


def _aware(value: datetime) -> datetime:
    """A time without a zone is taken as local (Europe/Paris)."""
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _options(options: list[OptionSchema]) -> list[OptionIn]:
    return [
        OptionIn(
            starts_at=_aware(o.starts_at),
            ends_at=_aware(o.ends_at),
            place_kind=o.place_kind,
            office_id=o.office_id,
            place_text=o.place_text,
            outside_availability=o.outside_availability,
        )
        for o in options
    ]


def _option_out(option: MeetingOption) -> dict[str, Any]:
    return {
        "id": option.pk,
        "starts_at": option.starts_at,
        "ends_at": option.ends_at,
        "place_kind": option.place_kind,
        "office_id": option.office_id,
        "place_text": option.place_text,
        "outside_availability": option.outside_availability,
    }


def _meeting_out(meeting: Meeting, view: MeetingView | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": meeting.pk,
        "person_id": meeting.person_id,
        "worker_id": meeting.worker_id,
        "status": meeting.status,
        "proposed_by_id": meeting.proposed_by_id,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place_kind": meeting.place_kind,
        "place": meeting.place_label if meeting.place_kind else "",
        "previous_id": meeting.previous_id,
        "reason": meeting.reason,
        "options": [_option_out(o) for o in meeting.options.all()],
    }
    if view is not None:
        out["history"] = [{"at": e.at, "actor_id": e.actor_id, "what": e.what} for e in view.history]
    return out


@router.get("/persons/{person_id}/meetings", response={200: dict[str, Any]}, summary="Rendez-vous")
def list_meetings(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = _actor(request)
    seen = meetings_for(actor=actor, person=person_allowed(actor, person_id, Category.MEETINGS))
    return Status(
        200,
        {
            "proposals": [_meeting_out(v.meeting, v) for v in seen.proposals],
            "upcoming": [_meeting_out(v.meeting, v) for v in seen.upcoming],
            "past": [_meeting_out(v.meeting, v) for v in seen.past],
            "rhythm": seen.rhythm.rhythm if seen.rhythm else None,
            "suggested_on": seen.suggestion.on if seen.suggestion else None,
        },
    )


@router.post("/persons/{person_id}/meetings", response={201: dict[str, Any]}, summary="Proposer un rendez-vous")
def propose(request: AuthenticatedRequest, person_id: Id, payload: ProposalIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.MEETINGS, Action.CHANGE)
    worker = User.objects.filter(pk=payload.worker_id, is_active=True).first()
    if worker is None:
        raise ValidationError({"worker_id": "Compte inconnu."})
    meeting = meeting_propose(actor=actor, person=person, worker=worker, options=_options(payload.options))
    return Status(201, _meeting_out(meeting))


def _changeable(actor: User, meeting_id: int) -> Meeting:
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    person_allowed(actor, meeting.person_id, Category.MEETINGS, Action.CHANGE)
    return meeting


@router.post("/meetings/{meeting_id}/accept", response={200: dict[str, Any]}, summary="Accepter un créneau")
def accept(request: AuthenticatedRequest, meeting_id: Id, payload: AcceptIn) -> Status[Any]:
    actor = _actor(request)
    meeting = _changeable(actor, meeting_id)
    if not may_answer_proposal(actor, meeting.person_id, meeting.proposed_by, meeting.worker_id):
        raise AccessDenied("Introuvable.")
    agreed = meeting_accept(
        actor=actor, meeting=meeting, option_id=payload.option_id, confirm_outside=payload.confirm_outside
    )
    return Status(200, _meeting_out(agreed))


@router.post("/meetings/{meeting_id}/counter", response={201: dict[str, Any]}, summary="Proposer une autre date")
def counter(request: AuthenticatedRequest, meeting_id: Id, payload: OptionsIn) -> Status[Any]:
    actor = _actor(request)
    meeting = _changeable(actor, meeting_id)
    if not may_answer_proposal(actor, meeting.person_id, meeting.proposed_by, meeting.worker_id):
        raise AccessDenied("Introuvable.")
    return Status(201, _meeting_out(meeting_counter(actor=actor, meeting=meeting, options=_options(payload.options))))


@router.post("/meetings/{meeting_id}/move", response={201: dict[str, Any]}, summary="Déplacer")
def move(request: AuthenticatedRequest, meeting_id: Id, payload: OptionsIn) -> Status[Any]:
    actor = _actor(request)
    meeting = _changeable(actor, meeting_id)
    moved = meeting_move(actor=actor, meeting=meeting, options=_options(payload.options), reason=payload.reason)
    return Status(201, _meeting_out(moved))


@router.post("/meetings/{meeting_id}/cancel", response={200: dict[str, Any]}, summary="Annuler")
def cancel(request: AuthenticatedRequest, meeting_id: Id, payload: CancelIn) -> Status[Any]:
    actor = _actor(request)
    meeting = _changeable(actor, meeting_id)
    return Status(200, _meeting_out(meeting_cancel(actor=actor, meeting=meeting, reason=payload.reason)))


@router.post("/meetings/{meeting_id}/close", response={200: dict[str, Any]}, summary="Clore : tenu ou manqué")
def close(request: AuthenticatedRequest, meeting_id: Id, payload: CloseIn) -> Status[Any]:
    actor = _actor(request)
    meeting = _changeable(actor, meeting_id)
    if not may_close_meeting(actor, meeting.worker_id):
        raise AccessDenied("Introuvable.")
    if payload.outcome not in {MeetingStatus.HELD, MeetingStatus.MISSED}:
        raise ValidationError({"outcome": "Choisissez : held (tenu) ou missed (manqué)."})
    return Status(200, _meeting_out(meeting_close(actor=actor, meeting=meeting, outcome=payload.outcome)))


@router.get("/workers/{worker_id}/slots", response={200: list[dict[str, Any]]}, summary="Créneaux libres")
def slots(request: AuthenticatedRequest, worker_id: Id, start: Day | None = None, days: int = 14) -> Status[Any]:
    actor = _actor(request)
    worker = User.objects.filter(pk=worker_id, is_active=True).first()
    if worker is None or not can_see_free_slots(actor, worker):
        raise AccessDenied("Introuvable.")
    if not 1 <= days <= 62:
        raise ValidationError({"days": "Choisissez entre 1 et 62 jours."})
    found = free_slots(worker, max(start or timezone.localdate(), timezone.localdate()), days=days, limit=500)
    return Status(200, [{"starts_at": s, "ends_at": e} for s, e in found])


@router.get("/workshops", response={200: list[dict[str, Any]]}, summary="Ateliers à venir")
def list_workshops(request: AuthenticatedRequest) -> Status[Any]:
    actor = _actor(request)
    person_id = own_person_id(actor) if can_use_portal(actor) else None
    person = person_allowed(actor, person_id, Category.MEETINGS) if person_id is not None else None
    return Status(
        200,
        [
            {
                "id": row.workshop.pk,
                "title": row.workshop.title,
                "starts_at": row.workshop.starts_at,
                "ends_at": row.workshop.ends_at,
                "place": row.workshop.place_label,
                "capacity": row.workshop.capacity,
                "places_left": row.left,
                "signed_up": row.signed,
            }
            for row in workshops_open(actor=actor, person=person)
        ],
    )


def _my_workshop(request: AuthenticatedRequest, workshop_id: Id) -> tuple[User, Workshop, Any]:
    actor = _actor(request)
    person_id = own_person_id(actor) if can_use_portal(actor) else None
    workshop = Workshop.objects.filter(pk=workshop_id, cancelled_at__isnull=True).first()
    if person_id is None or workshop is None:
        raise AccessDenied("Introuvable.")
    return actor, workshop, person_allowed(actor, person_id, Category.MEETINGS, Action.CHANGE)


@router.post("/workshops/{workshop_id}/signup", response={201: dict[str, Any]}, summary="S'inscrire")
def signup(request: AuthenticatedRequest, workshop_id: Id) -> Status[Any]:
    actor, workshop, person = _my_workshop(request, workshop_id)
    done = workshop_signup(actor=actor, workshop=workshop, person=person)
    return Status(201, {"workshop_id": workshop.pk, "signed_up_at": done.created_at})


@router.post("/workshops/{workshop_id}/leave", response={200: dict[str, Any]}, summary="Libérer sa place")
def leave(request: AuthenticatedRequest, workshop_id: Id) -> Status[Any]:
    actor, workshop, person = _my_workshop(request, workshop_id)
    workshop_leave(actor=actor, workshop=workshop, person=person)
    return Status(200, {"workshop_id": workshop.pk, "signed_up": False})
