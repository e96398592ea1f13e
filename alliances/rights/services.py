"""Rights: stored estimates, the caseload non-take-up check, and procedures. All writes are audited."""

import logging
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can_run_rights_check,
    can_simulate_rights,
    household_person_ids,
    own_person_id,
    require,
)
from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record, audit_record_many
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.core.months import month_str, parse_month
from alliances.households.input_format import HouseholdError
from alliances.households.models import Household
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify_person_of
from alliances.persons.models import Person

from .documents import DOCUMENTS
from .engine.check import DEFAULT_THRESHOLD
from .engine.non_take_up import find_non_take_up
from .engine.results import RightsResult
from .engine.simulate import compute_rights
from .enums import TRANSITIONS, Benefit, Helper, ProcedureState, RunStatus
from .freshness import engine_version, estimate_is_stale
from .models import (
    EstimateRequest,
    Procedure,
    ProcedureDocument,
    ProcedureStep,
    RightsCheckRun,
    RightsEstimate,
    RightsSimulation,
)
from .selectors import estimate_for, latest_request
from .stored import households_for_check, to_input

logger = logging.getLogger(__name__)


def estimate_store(
    *,
    household_id: int,
    result: RightsResult,
    received: dict[str, float],
    inputs_version: int | None,
    run: RightsCheckRun | None = None,
) -> RightsEstimate:
    """Stores an estimate with what it was computed from (`inputs_version`: read before the inputs)."""
    gap = sum(result.non_take_up.values())
    estimate, _ = RightsEstimate.objects.update_or_create(
        household_id=household_id,
        month=parse_month(result.month),
        defaults={
            "benefits": result.benefits,
            "received": received,
            "css": result.css,
            "css_contribution": Decimal(str(result.css_contribution)),
            "non_take_up": result.non_take_up,
            "monthly_gap": Decimal(str(round(gap, 2))),
            "explanations": result.explanations,
            "run": run,
            "inputs_version": inputs_version,
            "engine_version": engine_version(),
            "assumptions": result.assumptions,
        },
    )
    return estimate


def rights_estimate_refresh(
    *, actor: User, household: Household, month: str, threshold: float = DEFAULT_THRESHOLD
) -> RightsEstimate:
    """Computes and stores a household's rights for a month (about 0.3 s in a warm process). Never in a
    page request: pages queue it (`rights_estimate_request`)."""
    person_ids = household_person_ids(household)
    if not any(_can_view(actor, pid) for pid in person_ids):
        raise AccessDenied("Introuvable.")
    version = _inputs_versions([household.pk]).get(household.pk)
    loaded = households_for_check(Household.objects.filter(pk=household.pk), month).get()
    try:
        household_input = to_input(loaded, month)
    except HouseholdError as error:
        raise ValidationError({error.field: error.message}) from error
    result = compute_rights([household_input], month)[0]
    result.non_take_up = find_non_take_up(household_input, result, threshold=threshold)
    with transaction.atomic():
        estimate = estimate_store(
            household_id=household.pk, result=result, received=household_input.received, inputs_version=version
        )
        audit_record_many(
            actor=actor,
            person_ids=person_ids,
            category=Category.HOUSEHOLD,
            action=AuditAction.WRITE,
            detail=f"estimation des droits {month}",
        )
    return estimate


def _inputs_versions(household_ids: list[int]) -> dict[int, int]:
    return dict(Household.objects.filter(pk__in=household_ids).values_list("pk", "inputs_version"))


#: A request not finished after this long is taken as lost (a consumer stopped): asking again queues anew.
REQUEST_TIMEOUT = timedelta(minutes=10)


def rights_estimate_request(
    *, actor: User, household: Household, month: date, force: bool = False
) -> EstimateRequest | None:
    """Queues the recomputation of a household's estimate for a month, when it is stale (or `force`, the
    "Recalculer" button). Returns the request in progress, if any. One request at a time per household
    and month; a request that failed on the same data is not repeated unless forced (its error shows)."""
    person_ids = household_person_ids(household)
    if not any(_can_view(actor, pid) for pid in person_ids):
        raise AccessDenied("Introuvable.")
    version = _inputs_versions([household.pk]).get(household.pk, 0)
    latest = latest_request(household=household, month=month)
    if latest is not None and latest.pending and latest.requested_at > timezone.now() - REQUEST_TIMEOUT:
        return latest
    if not force:
        if not estimate_is_stale(estimate_for(household=household, month=month), inputs_version=version):
            return None
        if latest is not None and latest.error and latest.inputs_version == version:
            return None
    request = EstimateRequest.objects.create(
        household=household, month=month, inputs_version=version, requested_by=actor
    )
    from .tasks import rights_estimate_compute

    transaction.on_commit(lambda: rights_estimate_compute(request.pk))
    return request


def rights_estimate_request_execute(*, request_id: int) -> EstimateRequest:
    """Runs a queued request (the task): computes and stores the estimate, or records why it could not."""
    request = EstimateRequest.objects.select_related("household", "requested_by").get(pk=request_id)
    if not request.pending:
        return request
    EstimateRequest.objects.filter(pk=request.pk).update(started_at=timezone.now())
    error = ""
    try:
        rights_estimate_refresh(actor=request.requested_by, household=request.household, month=month_str(request.month))
    except ValidationError as invalid:
        error = " ".join(invalid.messages)
    except AccessDenied:
        error = "Vous n'avez plus accès à ce foyer."
    except Exception:
        EstimateRequest.objects.filter(pk=request.pk).update(
            finished_at=timezone.now(),
            error="Le calcul a échoué. Réessayez plus tard ; si cela se reproduit, prévenez l'équipe technique.",
        )
        raise
    EstimateRequest.objects.filter(pk=request.pk).update(finished_at=timezone.now(), error=error)
    request.refresh_from_db()
    return request


def _can_view(actor: User, person_id: int) -> bool:
    from alliances.access.policy import can

    return can(actor, Action.VIEW, person_id, Category.HOUSEHOLD)


def rights_check_run_start(*, actor: User, month: str, commune: str = "") -> RightsCheckRun:
    """Starts a background check of the actor's caseload (or a filtered part of it) for non-take-up."""
    from alliances.access.policy import households_visible_to

    if not can_run_rights_check(actor):
        raise AccessDenied("Introuvable.")
    try:
        first_day = parse_month(month)
    except ValueError as error:
        raise ValidationError({"month": str(error)}) from error
    filters = {"commune": commune} if commune else {}
    scope = households_visible_to(actor)
    if commune:
        scope = scope.filter(housing__commune_code=commune)
    run = RightsCheckRun.objects.create(month=first_day, requested_by=actor, filters=filters, total=scope.count())
    from .tasks import rights_check_run_execute

    transaction.on_commit(lambda: rights_check_run_execute(run.pk))
    return run


#: Households per vectorised simulation and per queue task in the background check (bounded: memory
#: stays flat; several consumers share a run's chunks).
RUN_CHUNK = 2500


def rights_check_run_plan(*, run_id: int) -> list[list[int]]:
    """The run's households, split into chunks of ids (one queue task each)."""
    from alliances.access.policy import households_visible_to

    run = RightsCheckRun.objects.select_related("requested_by").get(pk=run_id)
    scope = households_visible_to(run.requested_by)
    if run.filters.get("commune"):
        scope = scope.filter(housing__commune_code=run.filters["commune"])
    ids = list(scope.order_by("pk").values_list("pk", flat=True))
    RightsCheckRun.objects.filter(pk=run.pk).update(total=len(ids))
    return [ids[start : start + RUN_CHUNK] for start in range(0, len(ids), RUN_CHUNK)]


def rights_check_chunk_execute(*, run_id: int, household_ids: list[int]) -> tuple[int, int]:
    """One chunk of a run: compute, store the estimates, count progress. Safe to re-run (upserts)."""
    from django.db.models import F

    from .enums import RunStatus

    run = RightsCheckRun.objects.get(pk=run_id)
    month = month_str(run.month)
    RightsCheckRun.objects.filter(pk=run.pk, status=RunStatus.PENDING).update(status=RunStatus.RUNNING)
    versions = _inputs_versions(household_ids)  # before the data: a change meanwhile leaves them stale
    households = list(households_for_check(Household.objects.filter(pk__in=household_ids), month).order_by("pk"))
    inputs, owners, failed = [], [], 0
    for household in households:
        try:
            inputs.append(to_input(household, month))
            owners.append(household)
        except HouseholdError:
            failed += 1
    results = compute_rights(inputs, month, chunk_size=RUN_CHUNK) if inputs else []
    with transaction.atomic():
        for household, household_input, result in zip(owners, inputs, results, strict=True):
            result.non_take_up = find_non_take_up(household_input, result, threshold=DEFAULT_THRESHOLD)
            estimate_store(
                household_id=household.pk,
                result=result,
                received=household_input.received,
                inputs_version=versions.get(household.pk),
                run=run,
            )
        # "done" is recounted from what is stored, so a retried chunk does not count twice.
        stored = RightsEstimate.objects.filter(run=run).count()
        RightsCheckRun.objects.filter(pk=run.pk).update(done=stored, failed=F("failed") + failed)
        RightsCheckRun.objects.filter(pk=run.pk, total__lte=F("done") + F("failed")).exclude(
            status=RunStatus.DONE
        ).update(status=RunStatus.DONE, finished_at=timezone.now())
    return len(results), failed


def rights_check_run_execute_now(*, run_id: int) -> RightsCheckRun:
    """Runs every chunk of a run in this process (the queue does the same, one task per chunk)."""
    from .enums import RunStatus

    plan = rights_check_run_plan(run_id=run_id)
    if not plan:
        RightsCheckRun.objects.filter(pk=run_id).update(status=RunStatus.DONE, finished_at=timezone.now())
    for household_ids in plan:
        rights_check_chunk_execute(run_id=run_id, household_ids=household_ids)
    return RightsCheckRun.objects.get(pk=run_id)


# Procedures ---------------------------------------------------------------------------------------------


def _default_helper(actor: User, person: Person) -> str:
    """Who helps, when not said: the worker who opens the procedure, or the person alone."""
    if actor.role == Role.MEDIATOR:
        return Helper.MEDIATOR
    if own_person_id(actor) == person.pk:
        return Helper.ALONE
    return Helper.REFERENT


def _helper_user(actor: User, person: Person, helper: str) -> User | None:
    """The account of who helps: the actor when they are that helper, else the one in the person's circle."""
    if helper == Helper.ALONE:
        return None
    role = {Helper.MEDIATOR: (Role.MEDIATOR, AllyRole.MEDIATOR), Helper.REFERENT: (Role.REFERENT, AllyRole.REFERENT)}
    account_role, ally_role = role[Helper(helper)]
    if actor.role == account_role:
        return actor
    ally = Ally.objects.active().filter(person=person, role=ally_role).select_related("user").order_by("started_on")
    first = ally.first()
    if first is None:
        who = "médiateur·rice" if helper == Helper.MEDIATOR else "référent·e"
        raise ValidationError(
            {"helper": f"Il n'y a pas encore de {who} dans le cercle. Choisissez une autre personne, ou « seul·e »."}
        )
    return first.user


@transaction.atomic
def procedure_start(
    *,
    actor: User,
    person: Person,
    benefit: str,
    helper: str | None = None,
    estimated_amount: Decimal | float | None = None,
    household: Household | None = None,
    deadline: date | None = None,
) -> Procedure:
    require(actor, Action.CHANGE, person, Category.PROCEDURES)
    if benefit not in Benefit.values:
        raise ValidationError({"benefit": "Choisissez un droit dans la liste."})
    helper = helper or _default_helper(actor, person)
    if helper not in Helper.values:
        raise ValidationError({"helper": "Choisissez qui aide pour cette démarche."})
    helper_user = _helper_user(actor, person, helper)
    try:
        with transaction.atomic():
            procedure = Procedure.objects.create(
                person=person,
                household=household,
                benefit=benefit,
                helper=helper,
                created_by=actor,
                estimated_amount=None if estimated_amount is None else Decimal(str(estimated_amount)),
                deadline=deadline,
                reminder_on=deadline - timedelta(days=7) if deadline else None,
                helper_user=helper_user,
            )
    except IntegrityError as error:
        raise ValidationError({"benefit": "Une démarche est déjà en cours pour ce droit."}) from error
    ProcedureStep.objects.create(
        procedure=procedure,
        to_state=ProcedureState.TO_CHECK,
        occurred_on=timezone.localdate(),
        actor=actor,
        note="Démarche ouverte.",
    )
    ProcedureDocument.objects.bulk_create(
        [ProcedureDocument(procedure=procedure, label=label) for label in DOCUMENTS.get(benefit, [])]
    )
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"démarche ouverte : {benefit}",
    )
    return procedure


@transaction.atomic
def procedure_transition(
    *, actor: User, procedure: Procedure, to_state: str, occurred_on: date | None = None, note: str = ""
) -> ProcedureStep:
    require(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if to_state not in TRANSITIONS.get(locked.state, frozenset()):
        raise ValidationError(
            {
                "to_state": (
                    f"Passer de « {locked.get_state_display()} » à « {ProcedureState(to_state).label} » "
                    "n'est pas possible."
                    if to_state in ProcedureState.values
                    else "Cet état n'existe pas."
                )
            }
        )
    day = occurred_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"occurred_on": "La date d'une étape ne peut pas être dans le futur."})
    step = ProcedureStep.objects.create(
        procedure=locked, from_state=locked.state, to_state=to_state, occurred_on=day, actor=actor, note=note.strip()
    )
    locked.state = to_state
    locked.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"démarche {locked.benefit} : {to_state}",
    )
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.PROCEDURE_STEP,
        text=f"Votre démarche « {locked.get_benefit_display()} » avance : {ProcedureState(to_state).label.lower()}.",
        link="portal:procedures",
    )
    procedure.state = to_state
    return step


@transaction.atomic
def procedure_update(*, actor: User, procedure: Procedure, **changes: Any) -> Procedure:
    """Deadline, reminder date and helper."""
    require(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    allowed = {"deadline", "reminder_on", "helper"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({field: "Ce champ n'existe pas." for field in unknown})
    if "helper" in changes and changes["helper"] not in Helper.values:
        raise ValidationError({"helper": "Choisissez qui aide pour cette démarche."})
    deadline = changes.get("deadline", procedure.deadline)
    reminder = changes.get("reminder_on", procedure.reminder_on)
    if deadline and reminder and reminder > deadline:
        raise ValidationError({"reminder_on": "Le rappel doit précéder l'échéance."})
    for field, value in changes.items():
        setattr(procedure, field, value)
    if "reminder_on" in changes:
        procedure.reminder_sent_on = None
    procedure.save()
    audit_record(
        actor=actor,
        person_id=procedure.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"démarche {procedure.benefit} : " + ", ".join(sorted(changes)),
    )
    return procedure


@transaction.atomic
def procedure_document_set(*, actor: User, procedure: Procedure, label: str, provided: bool) -> ProcedureDocument:
    require(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    label = label.strip()
    if not label:
        raise ValidationError({"label": "Indiquez le nom de la pièce."})
    document, _ = ProcedureDocument.objects.get_or_create(procedure=procedure, label=label[:200])
    document.provided_on = timezone.localdate() if provided else None
    document.save(update_fields=["provided_on"])
    audit_record(
        actor=actor,
        person_id=procedure.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"pièce : {label[:60]}",
    )
    return document


@transaction.atomic
def rights_simulation_request(
    *, actor: User, households: list[dict[str, Any]], month: str, threshold: float
) -> RightsSimulation:
    """Queues the estimate of households given by the caller (nothing stored of the platform is read)."""
    from .tasks import rights_simulation_compute

    if not can_simulate_rights(actor):
        raise AccessDenied("Introuvable.")
    simulation = RightsSimulation.objects.create(
        requested_by=actor, month=month, threshold=threshold, households=households
    )
    transaction.on_commit(lambda: rights_simulation_compute(simulation.pk))
    return simulation


def rights_simulation_execute(*, simulation_id: int) -> None:
    """Runs a queued simulation (the task): stores the report, or why it could not be made."""
    from .engine.check import check_households

    simulation = RightsSimulation.objects.get(pk=simulation_id)
    if simulation.status == RunStatus.DONE:
        return  # a retried task does nothing twice
    RightsSimulation.objects.filter(pk=simulation_id).update(status=RunStatus.RUNNING)
    try:
        report = check_households(
            enumerate(simulation.households, start=1), simulation.month, threshold=simulation.threshold
        )
    except Exception:
        logger.exception("rights simulation %s failed", simulation_id)  # the id only: nothing personal
        simulation.status, simulation.error = RunStatus.FAILED, "Le calcul n'a pas abouti. Réessayez plus tard."
    else:
        simulation.status, simulation.report = RunStatus.DONE, report.as_json()
    simulation.finished_at = timezone.now()
    simulation.save(update_fields=["status", "report", "error", "finished_at"])
