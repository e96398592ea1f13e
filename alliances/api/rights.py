from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied
from alliances.accounts.requests import AuthenticatedRequest
from alliances.core.months import month_str
from alliances.households.models import Household
from alliances.households.selectors import household_id_of_person
from alliances.persons.selectors import person_get
from alliances.rights.engine.check import DEFAULT_THRESHOLD
from alliances.rights.engine.system import EARLIEST_MONTH
from alliances.rights.enums import Benefit, Helper, ProcedureState, RunStatus
from alliances.rights.models import RightsSimulation
from alliances.rights.selectors import estimate_status, procedure_get, procedures_for_person
from alliances.rights.services import (
    procedure_start,
    procedure_transition,
    rights_estimate_request,
    rights_simulation_request,
)

from .params import Day, Id, Month
from .schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["Droits"])


def _computable(month: str) -> str:
    if month < EARLIEST_MONTH:
        raise PydanticCustomError("alliances.month_before_rules", "Les droits se calculent à partir de juin 2009.")
    return month


#: A month the rights engine can compute (a simulation of 1990 fails for want of parameters: a 500).
RightsMonth = Annotated[Month, AfterValidator(_computable)]


class RightsCheckIn(Schema):
    model_config = ConfigDict(extra="forbid")
    month: RightsMonth | None = None
    households: list[dict[str, Any]] = Field(
        min_length=1, max_length=1000, description="Foyers au format du README (« Household format »)"
    )
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0)


class StepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    to_state: ProcedureState
    occurred_on: Day | None = None
    note: str = ""


class ProcedureIn(Schema):
    model_config = ConfigDict(extra="forbid")
    benefit: Benefit
    helper: Helper | None = None
    deadline: Day | None = None


class StepOut(Schema):
    from_state: str
    to_state: str
    occurred_on: date
    link_type: str
    note: str


class ProcedureOut(Schema):
    id: int
    person_id: int
    benefit: str
    state: str
    helper: str
    estimated_amount: Decimal | None
    deadline: date | None
    reminder_on: date | None
    steps: list[StepOut]
    documents: list[dict[str, Any]]


def _procedure_out(procedure: Any) -> dict[str, Any]:
    return {
        "id": procedure.pk,
        "person_id": procedure.person_id,
        "benefit": procedure.benefit,
        "state": procedure.state,
        "helper": procedure.helper,
        "estimated_amount": procedure.estimated_amount,
        "deadline": procedure.deadline,
        "reminder_on": procedure.reminder_on,
        "steps": [
            {
                "from_state": s.from_state,
                "to_state": s.to_state,
                "occurred_on": s.occurred_on,
                "link_type": s.link_type,
                "note": s.note,
            }
            for s in procedure.steps.all()
        ],
        "documents": [{"label": d.label, "provided_on": d.provided_on} for d in procedure.documents.all()],
    }


@router.post(
    "/rights/check",
    response={202: dict[str, Any], 404: ErrorOut},
    summary="Estimer les droits de foyers (rien n'est enregistré) : mis en file d'attente",
)
def rights_check(request: AuthenticatedRequest, payload: RightsCheckIn) -> Status[Any]:
    """Same input as `manage.py rights_check`. OpenFisca is never computed in a request: the estimate is
    queued, and `GET /api/rights/check/{id}` gives its state, then its report (same output as the command;
    invalid households come back in `errors`)."""
    actor = request.user
    simulation = rights_simulation_request(
        actor=actor,
        households=payload.households,
        month=payload.month or month_str(timezone.localdate()),
        threshold=payload.threshold,
    )
    return Status(202, _simulation_out(simulation))


def _simulation_out(simulation: RightsSimulation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": simulation.pk,
        "status": simulation.status,
        "month": simulation.month,
        "url": reverse("api:rights_check_result", args=[simulation.pk]),
    }
    if simulation.status == RunStatus.DONE:
        out["report"] = simulation.report
    if simulation.error:
        out["error"] = simulation.error
    return out


@router.get(
    "/rights/check/{simulation_id}",
    response={200: dict[str, Any]},
    summary="État et résultat d'une estimation demandée",
)
def rights_check_result(request: AuthenticatedRequest, simulation_id: Id) -> Status[Any]:
    simulation = RightsSimulation.objects.filter(pk=simulation_id, requested_by=request.user).first()
    if simulation is None:  # another's is missing, like any object one may not read
        raise AccessDenied
    return Status(200, _simulation_out(simulation))


@router.get(
    "/persons/{person_id}/rights",
    response={200: dict[str, Any], 422: ValidationErrorOut},
    summary="Droits estimés d'une personne (mois en cours) : la dernière estimation, recalculée en file d'attente",
)
def person_rights(request: AuthenticatedRequest, person_id: Id, refresh: bool = False) -> Status[Any]:
    actor = request.user
    person = person_get(actor=actor, person_id=person_id, category=Category.HOUSEHOLD)
    household_id = household_id_of_person(person=person)
    if household_id is None:
        return Status(422, {"detail": "Le foyer n'est pas renseigné.", "errors": {"household": ["Aucun foyer."]}})
    household = Household.objects.get(pk=household_id)
    month = timezone.localdate().replace(day=1)
    status = estimate_status(household=household, month=month)
    if refresh or (status.stale and not status.pending and not status.failure):
        # Queued, never computed in the request (the same rule as the web pages: freshness.py).
        rights_estimate_request(actor=actor, household=household, month=month, force=refresh)
        status = estimate_status(household=household, month=month)
    estimate = status.estimate
    return Status(
        200,
        {
            "month": month_str(month),
            "computed_at": estimate.computed_at.isoformat() if estimate else None,
            "stale": status.stale,
            "computing": status.pending,
            "error": status.failure,
            "benefits": {**estimate.benefits, "css": estimate.css} if estimate else {},
            "received": estimate.received if estimate else {},
            "non_take_up": estimate.non_take_up if estimate else {},
            "explanations": estimate.explanations if estimate else {},
        },
    )


@router.get(
    "/persons/{person_id}/procedures",
    response=list[ProcedureOut],
    summary="Démarches d'une personne",
)
def list_procedures(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = request.user
    person = person_get(actor=actor, person_id=person_id, category=Category.PROCEDURES)
    procedures = procedures_for_person(actor=actor, person=person).prefetch_related("steps", "documents")
    return Status(200, [_procedure_out(p) for p in procedures])


@router.post(
    "/persons/{person_id}/procedures",
    response={201: ProcedureOut},
    summary="Ouvrir une démarche",
)
def create_procedure(request: AuthenticatedRequest, person_id: Id, payload: ProcedureIn) -> Status[Any]:
    actor = request.user
    person = person_get(actor=actor, person_id=person_id, category=Category.PROCEDURES)
    procedure = procedure_start(
        actor=actor, person=person, benefit=payload.benefit, helper=payload.helper, deadline=payload.deadline
    )
    return Status(201, _procedure_out(procedure_get(actor=actor, procedure_id=procedure.pk)))


@router.get("/procedures/{procedure_id}", response=ProcedureOut, summary="Lire une démarche")
def read_procedure(request: AuthenticatedRequest, procedure_id: Id) -> Status[Any]:
    return Status(200, _procedure_out(procedure_get(actor=request.user, procedure_id=procedure_id)))


@router.post(
    "/procedures/{procedure_id}/steps",
    response={201: ProcedureOut},
    summary="Enregistrer une étape d'une démarche",
)
def add_step(request: AuthenticatedRequest, procedure_id: Id, payload: StepIn) -> Status[Any]:
    actor = request.user
    procedure = procedure_get(actor=actor, procedure_id=procedure_id)
    procedure_transition(
        actor=actor, procedure=procedure, to_state=payload.to_state, occurred_on=payload.occurred_on, note=payload.note
    )
    return Status(201, _procedure_out(procedure_get(actor=actor, procedure_id=procedure_id)))
