"""The stored estimates of a household's rights: computed in the background, kept with the inputs they
read, refreshed when those change."""

import logging
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    household_person_ids,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.core.months import month_str, parse_month
from alliances.households.input_format import HouseholdError
from alliances.households.models import Household

from ..engine.check import DEFAULT_THRESHOLD
from ..engine.non_take_up import find_non_take_up
from ..engine.results import RightsResult
from ..engine.simulate import compute_rights
from ..freshness import engine_version, estimate_is_stale
from ..models import (
    EstimateRequest,
    RightsCheckRun,
    RightsEstimate,
)
from ..selectors import estimate_for, latest_request
from ..stored import households_for_check, to_input

logger = logging.getLogger(__name__)


def _can_view(actor: User, person_id: int) -> bool:
    from alliances.access.policy import can

    return can(actor, Action.VIEW, person_id, Category.HOUSEHOLD)


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
    from ..tasks import rights_estimate_compute

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
