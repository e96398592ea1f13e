"""The caseload non-take-up check: planned in chunks of households, run by the queue, its findings kept."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.policy import (
    AccessDenied,
    can_run_rights_check,
)
from alliances.accounts.models import User
from alliances.core.months import month_str, parse_month
from alliances.households.input_format import HouseholdError
from alliances.households.models import Household

from ..engine.check import DEFAULT_THRESHOLD
from ..engine.non_take_up import find_non_take_up
from ..engine.simulate import compute_rights
from ..enums import RunStatus
from ..models import (
    RightsCheckRun,
    RightsEstimate,
)
from ..stored import households_for_check, to_input
from .estimates import _inputs_versions, estimate_store


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
    from ..tasks import rights_check_run_execute

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

    plan = rights_check_run_plan(run_id=run_id)
    if not plan:
        RightsCheckRun.objects.filter(pk=run_id).update(status=RunStatus.DONE, finished_at=timezone.now())
    for household_ids in plan:
        rights_check_chunk_execute(run_id=run_id, household_ids=household_ids)
    return RightsCheckRun.objects.get(pk=run_id)
