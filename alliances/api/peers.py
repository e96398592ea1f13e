"""Peers, mediation and mandates in the API: one's own profile, matches, sessions, progress, mandates.

The same services and selectors as the site: the same policy decides, the same audit records.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_use_portal, own_person_id, person_allowed
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.circles.enums import LinkType
from alliances.mediation.catalogue import catalogue
from alliances.mediation.models import Mandate
from alliances.mediation.selectors import mandate_for, mandates_for, progress_for, step_for
from alliances.mediation.services import (
    Worked,
    mandate_act_record,
    mandate_consent,
    mandate_propose,
    mandate_revoke,
    mandate_status,
    progress_confirm,
    session_record,
)
from alliances.peers.models import PeerMatch, PeerProfile
from alliances.peers.selectors import candidates_for, match_for, matches_of, own_profile, reasons_for, request_for
from alliances.peers.services import (
    match_answer,
    match_choose,
    match_end,
    mutual_aid_record,
    peer_request_create,
    profile_offer,
    profile_withdraw,
)
from alliances.persons.models import Person

from .params import Day, Id
from .schemas import ErrorOut

router = Router(tags=["Pairs, médiation et mandats"])

Codes = list[str]


def _actor(request: AuthenticatedRequest) -> User:
    return request.user


class WishIn(Schema):
    model_config = ConfigDict(extra="forbid")
    experiences: Codes = Field(default=[], max_length=20)
    procedures: Codes = Field(default=[], max_length=40)
    languages: Codes = Field(default=[], max_length=20)
    neighbourhood: str = Field(default="", max_length=30)
    availability: Codes = Field(default=[], max_length=10)


class ProfileIn(WishIn):
    capacity: int = Field(ge=0, le=100)


class ChooseIn(Schema):
    model_config = ConfigDict(extra="forbid")
    peer_id: Id


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")
    accept: bool


class MutualAidIn(Schema):
    model_config = ConfigDict(extra="forbid")
    occurred_on: Day
    summary: str = Field(max_length=2000)
    link_types: list[LinkType]


class WorkedIn(Schema):
    model_config = ConfigDict(extra="forbid")
    person_id: Id
    procedure: str = Field(max_length=60)
    level: str = Field(max_length=10)


class SessionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    occurred_on: Day
    duration_minutes: int = Field(ge=0, le=100_000)
    place: str = Field(max_length=200)
    link_types: list[LinkType]
    worked: list[WorkedIn] = Field(max_length=200)
    note: str = Field(default="", max_length=2000)


class LevelIn(Schema):
    model_config = ConfigDict(extra="forbid")
    level: str = Field(max_length=10)


class MandateIn(Schema):
    model_config = ConfigDict(extra="forbid")
    holder_id: Id | None = None
    themes: Codes = Field(max_length=10)
    duration: str = Field(max_length=20)


class ActIn(Schema):
    model_config = ConfigDict(extra="forbid")
    procedure: str = Field(max_length=60)
    what: str = Field(max_length=300)


def _profile_out(profile: PeerProfile) -> dict[str, Any]:
    return {
        "id": profile.pk,
        "active": profile.active,
        "experiences": profile.experiences,
        "procedures": profile.procedures,
        "languages": profile.languages,
        "neighbourhood": profile.neighbourhood,
        "availability": profile.availability,
        "capacity": profile.capacity,
        "open_matches": profile.open_matches,
    }


def _match_out(actor: User, match: PeerMatch) -> dict[str, Any]:
    i_am_peer = own_person_id(actor) == match.peer.person_id
    other = match.person if i_am_peer else match.peer.person
    return {
        "id": match.pk,
        "state": match.state,
        "i_am_peer": i_am_peer,
        "other_first_name": other.first_name,
        "reasons": match.reasons,
        "person_said_yes": match.person_yes_at is not None,
        "peer_said_yes": match.peer_yes_at is not None,
        "created_at": match.created_at,
    }


def _mandate_out(mandate: Mandate, status: str, acts: list[Any]) -> dict[str, Any]:
    return {
        "id": mandate.pk,
        "reference": mandate.reference,
        "holder_id": mandate.holder_id,
        "themes": mandate.themes,
        "duration": mandate.duration,
        "status": status,
        "starts_on": mandate.starts_on,
        "ends_on": mandate.ends_on,
        "text_hash": mandate.text_hash,
        "acts": [{"procedure": a.procedure_code, "what": a.what, "occurred_at": a.occurred_at} for a in acts],
    }


@router.get("/procedures-catalogue", response={200: dict[str, Any]}, summary="Catalogue des démarches en ligne")
def read_catalogue(request: HttpRequest) -> Status[Any]:
    known = catalogue()
    return Status(
        200,
        {
            "version": known.version,
            "source": known.source,
            "themes": [{"code": t.code, "label": t.label} for t in known.themes],
            "levels": [{"code": lv.code, "label": lv.label} for lv in known.levels],
            "procedures": [
                {
                    "code": p.code,
                    "label": p.label,
                    "theme": p.theme,
                    "service": p.service,
                    "service_url": p.service_url,
                    "steps": list(p.steps),
                    "documents": list(p.documents),
                    "duration_minutes": p.duration_minutes,
                    "benefits": list(p.benefits),
                    "source": p.source,
                }
                for p in known.procedures
            ],
        },
    )


@router.get("/me/peer-profile", response={200: dict[str, Any], 404: ErrorOut}, summary="Mon offre d'aide")
def read_own_profile(request: AuthenticatedRequest) -> Status[Any]:
    profile = own_profile(_actor(request))
    if profile is None:
        raise AccessDenied("Introuvable.")
    return Status(200, _profile_out(profile))


@router.put("/me/peer-profile", response={200: dict[str, Any], 404: ErrorOut}, summary="Proposer ou modifier mon aide")
def put_own_profile(request: AuthenticatedRequest, payload: ProfileIn) -> Status[Any]:
    return Status(200, _profile_out(profile_offer(actor=_actor(request), **payload.dict())))


@router.delete("/me/peer-profile", response={200: dict[str, Any], 404: ErrorOut}, summary="Retirer mon offre d'aide")
def withdraw_own_profile(request: AuthenticatedRequest) -> Status[Any]:
    return Status(200, _profile_out(profile_withdraw(actor=_actor(request))))


@router.post("/persons/{person_id}/peer-requests", response={201: dict[str, Any]}, summary="Chercher un pair")
def create_peer_request(request: AuthenticatedRequest, person_id: Id, payload: WishIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.CONSENT)
    wish = peer_request_create(actor=actor, person=person, **payload.dict())
    candidates = candidates_for(actor=actor, request=wish)
    return Status(
        201,
        {
            "id": wish.pk,
            "on_behalf": wish.on_behalf,
            "candidates": [
                {"peer_id": c.profile_id, "first_name": c.first_name, "reasons": c.reasons} for c in candidates
            ],
        },
    )


@router.post("/peer-requests/{request_id}/matches", response={201: dict[str, Any]}, summary="Choisir un pair")
def choose_peer(request: AuthenticatedRequest, request_id: Id, payload: ChooseIn) -> Status[Any]:
    actor = _actor(request)
    wish = request_for(actor=actor, request_id=request_id)
    profile = PeerProfile.objects.filter(pk=payload.peer_id).first()
    if profile is None:
        raise ValidationError({"peer_id": "Choisissez une personne dans la liste."})
    match = match_choose(actor=actor, request=wish, peer_id=profile.pk, reasons=reasons_for(profile, wish))
    return Status(201, _match_out(actor, match_for(actor=actor, match_id=match.pk)))


@router.get("/me/peer-matches", response={200: list[dict[str, Any]], 404: ErrorOut}, summary="Mes mises en lien")
def list_own_matches(request: AuthenticatedRequest) -> Status[Any]:
    actor = _actor(request)
    if not can_use_portal(actor):
        raise AccessDenied("Introuvable.")
    return Status(200, [_match_out(actor, view.match) for view in matches_of(actor=actor)])


@router.post("/peer-matches/{match_id}/answer", response={200: dict[str, Any]}, summary="Répondre (oui ou non)")
def answer_match(request: AuthenticatedRequest, match_id: Id, payload: AnswerIn) -> Status[Any]:
    actor = _actor(request)
    match = match_answer(actor=actor, match=match_for(actor=actor, match_id=match_id), accept=payload.accept)
    return Status(200, _match_out(actor, match))


@router.post("/peer-matches/{match_id}/end", response={200: dict[str, Any]}, summary="Arrêter une mise en lien")
def end_match(request: AuthenticatedRequest, match_id: Id) -> Status[Any]:
    actor = _actor(request)
    match = match_end(actor=actor, match=match_for(actor=actor, match_id=match_id))
    return Status(200, _match_out(actor, match_for(actor=actor, match_id=match.pk)))


@router.post("/peer-matches/{match_id}/mutual-aid", response={201: dict[str, Any]}, summary="Noter une entraide")
def record_mutual_aid(request: AuthenticatedRequest, match_id: Id, payload: MutualAidIn) -> Status[Any]:
    actor = _actor(request)
    contact = mutual_aid_record(
        actor=actor,
        match=match_for(actor=actor, match_id=match_id),
        occurred_on=payload.occurred_on,
        summary=payload.summary,
        link_types=[str(t) for t in payload.link_types],
    )
    return Status(201, {"id": contact.pk, "occurred_on": contact.occurred_on, "link_types": contact.link_types})


@router.post(
    "/mediation-sessions", response={201: dict[str, Any], 404: ErrorOut}, summary="Noter une séance de médiation"
)
def create_session(request: AuthenticatedRequest, payload: SessionIn) -> Status[Any]:
    actor = _actor(request)
    persons = {p.pk: p for p in Person.objects.filter(pk__in={w.person_id for w in payload.worked})}
    if len(persons) != len({w.person_id for w in payload.worked}):
        raise AccessDenied("Introuvable.")
    session = session_record(
        actor=actor,
        occurred_on=payload.occurred_on,
        duration_minutes=payload.duration_minutes,
        place=payload.place,
        worked=[Worked(person=persons[w.person_id], procedure_code=w.procedure, level=w.level) for w in payload.worked],
        link_types=[str(t) for t in payload.link_types],
        note=payload.note,
    )
    return Status(
        201,
        {
            "id": session.pk,
            "steps": [
                {"id": s.pk, "person_id": s.person_id, "procedure": s.procedure_code, "level": s.level}
                for s in session.steps.all()
            ],
        },
    )


@router.get("/persons/{person_id}/progress", response={200: list[dict[str, Any]]}, summary="Progression")
def list_progress(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = _actor(request)
    progress = progress_for(actor=actor, person=person_allowed(actor, person_id, Category.PROCEDURES))
    return Status(
        200,
        [
            {
                "procedure": item.procedure.code,
                "summary": item.summary,
                "entries": [
                    {
                        "step_id": e.step.pk,
                        "on": e.on,
                        "level": e.step.level,
                        "person_level": e.step.person_level or None,
                    }
                    for e in item.entries
                ],
            }
            for item in progress
        ],
    )


@router.post("/progress/{step_id}/confirm", response={200: dict[str, Any]}, summary="Confirmer ou corriger")
def confirm_progress(request: AuthenticatedRequest, step_id: Id, payload: LevelIn) -> Status[Any]:
    actor = _actor(request)
    step = progress_confirm(actor=actor, step=step_for(actor=actor, step_id=step_id), level=payload.level)
    return Status(200, {"step_id": step.pk, "level": step.level, "person_level": step.person_level})


@router.get("/persons/{person_id}/mandates", response={200: list[dict[str, Any]]}, summary="Mandats")
def list_mandates(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = _actor(request)
    views = mandates_for(actor=actor, person=person_allowed(actor, person_id, Category.PROCEDURES))
    return Status(200, [_mandate_out(v.mandate, v.status, v.acts) for v in views])


@router.post("/persons/{person_id}/mandates", response={201: dict[str, Any]}, summary="Proposer ou donner un mandat")
def create_mandate(request: AuthenticatedRequest, person_id: Id, payload: MandateIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.PROCEDURES)
    holder = actor
    if own_person_id(actor) == person.pk:
        holder = User.objects.filter(pk=payload.holder_id or 0, is_active=True).first()  # type: ignore[assignment]
        if holder is None:
            raise ValidationError({"holder_id": "Choisissez à qui vous donnez ce mandat."})
    mandate = mandate_propose(
        actor=actor, person=person, holder=holder, themes=payload.themes, duration=payload.duration
    )
    return Status(201, _mandate_out(mandate, mandate_status(mandate), []))


@router.post("/mandates/{mandate_id}/consent", response={200: dict[str, Any]}, summary="Donner son accord")
def consent_mandate(request: AuthenticatedRequest, mandate_id: Id) -> Status[Any]:
    actor = _actor(request)
    mandate = mandate_consent(actor=actor, mandate=mandate_for(actor=actor, mandate_id=mandate_id))
    return Status(200, _mandate_out(mandate, mandate_status(mandate), []))


@router.post("/mandates/{mandate_id}/revoke", response={200: dict[str, Any]}, summary="Mettre fin à un mandat")
def revoke_mandate(request: AuthenticatedRequest, mandate_id: Id) -> Status[Any]:
    actor = _actor(request)
    mandate = mandate_revoke(actor=actor, mandate=mandate_for(actor=actor, mandate_id=mandate_id))
    return Status(200, _mandate_out(mandate, mandate_status(mandate), []))


@router.post("/persons/{person_id}/mandate-acts", response={201: dict[str, Any]}, summary="Agir sous mandat")
def create_mandate_act(request: AuthenticatedRequest, person_id: Id, payload: ActIn) -> Status[Any]:
    actor = _actor(request)
    person = person_allowed(actor, person_id, Category.PROCEDURES)
    act = mandate_act_record(actor=actor, person=person, procedure_code=payload.procedure, what=payload.what)
    return Status(201, {"id": act.pk, "mandate_id": act.mandate_id, "procedure": act.procedure_code, "what": act.what})
