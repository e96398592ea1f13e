"""Computing a cycle: the inputs frozen, one entitlement per household, the corrections of past months.

Idempotent and safe to run twice at once: unique constraints keep one snapshot and one entitlement per
household, and a row lock on the cycle lets exactly one chunk finish the computation."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.core.bulk import insert_new, refresh_statistics
from alliances.core.months import add_months, of_month
from alliances.households.models import Member

from ..audit import audit_households
from ..corrections import deferred_json, find_changes, from_deferred, worth_deferring, write_corrections
from ..engine.rules import Rules, RulesError
from ..engine.top_up import compute_top_up, resources_declared
from ..enums import CycleStatus, RunningStep
from ..inputs import (
    enrolled,
    entitled,
    from_snapshot,
    inputs_in_range,
    inputs_versions,
    snapshot_data,
)
from ..models import Correction, Cycle, CycleChunk, Entitlement, InputSnapshot
from ..review import change_figures, draw_sample
from ..selectors import rules_in_force
from .cycle import check_transition, require_officer

# Compute ----------------------------------------------------------------------------------------------------
#
# A computation is planned once (the rules and the enrolled households frozen, the households split into
# chunks by id range), then each chunk is computed on its own: by this process (`cycle_compute`) or by one
# queue task per chunk, which several consumers share. The last chunk done finishes the computation (the
# corrections the chunks left to the end, see `corrections.py`) and marks the cycle computed.


def cycle_compute(*, actor: User, cycle: Cycle) -> Cycle:
    """Computes the whole cycle in this process; after an interruption, computes what is left."""
    chunks = cycle_compute_plan(actor=actor, cycle=cycle)
    for chunk_id in chunks:
        cycle_compute_chunk(chunk_id=chunk_id)
    if not chunks:
        cycle_compute_finish(cycle_id=cycle.pk)  # interrupted after its last chunk
    return Cycle.objects.get(pk=cycle.pk)


def cycle_compute_plan(*, actor: User, cycle: Cycle) -> list[int]:
    """Freezes the rules and the enrolled households (on the first call) and returns the chunks left to
    compute. Whoever starts the computation counts as having computed the cycle (four eyes)."""
    require_officer(actor)
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        check_transition(locked, CycleStatus.COMPUTED)
        if not locked.chunks.exists():
            try:
                rules = rules_in_force(month=locked.month)
            except RulesError as error:
                raise ValidationError({"month": str(error)}) from error
            ids = list(enrolled(locked.month).order_by("pk").values_list("pk", flat=True))
            size = settings.RMG_CYCLE_CHUNK
            CycleChunk.objects.bulk_create(
                CycleChunk(
                    cycle=locked,
                    first_household_id=ids[start],
                    last_household_id=ids[min(start + size, len(ids)) - 1],
                    households=min(size, len(ids) - start),
                )
                for start in range(0, len(ids), size)
            )
            Cycle.objects.filter(pk=locked.pk).update(
                rules=rules.as_json(), total_households=len(ids), progress=0, computed_by=actor
            )
            if not ids:
                Cycle.objects.filter(pk=locked.pk).update(status=CycleStatus.COMPUTED, computed_at=timezone.now())
        pending = locked.chunks.filter(done_at__isnull=True).order_by("first_household_id")
        return list(pending.values_list("pk", flat=True))


def cycle_compute_chunk(*, chunk_id: int) -> None:
    """Computes one planned chunk (a queue task; planning checked who asked). Safe to run twice at once:
    the unique constraints keep one snapshot and one entitlement per household."""
    chunk = CycleChunk.objects.select_related("cycle__computed_by").get(pk=chunk_id)
    if chunk.done_at is not None:
        return
    cycle = chunk.cycle
    rules = Rules.from_json(cycle.month, cycle.rules)
    deferred = _compute_chunk(cycle, chunk.first_household_id, chunk.last_household_id, rules)
    audit_households(
        cycle.computed_by,
        Member.objects.filter(household__id__range=(chunk.first_household_id, chunk.last_household_id)),
        f"Calcul du revenu garanti {of_month(cycle.month)}",
        AuditAction.COMPUTE,
    )
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)  # chunks end one after the other: one sees the last
        done = CycleChunk.objects.filter(pk=chunk.pk, done_at__isnull=True)
        if done.update(done_at=timezone.now(), deferred=deferred):
            Cycle.objects.filter(pk=cycle.pk).update(
                progress=F("progress") + chunk.households, active_at=timezone.now()
            )
        last = not CycleChunk.objects.filter(cycle=cycle, done_at__isnull=True).exists()
    if last:
        cycle_compute_finish(cycle_id=cycle.pk)


def cycle_compute_finish(*, cycle_id: int) -> None:
    """Once every chunk is done: the corrections the chunks left to the end, computed together, then the
    cycle is computed. Runs once (under the cycle's lock, and only while it is a draft)."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle_id)
        chunks = CycleChunk.objects.filter(cycle=cycle)
        if cycle.status != CycleStatus.DRAFT:  # finished before (a step run again, or twice at once)
            Cycle.objects.filter(pk=cycle.pk, running=RunningStep.COMPUTE).update(running="")
            return
        if not chunks.exists() or chunks.filter(done_at__isnull=True).exists():
            return
        stored = [changes for changes in chunks.values_list("deferred", flat=True) if changes]
        write_corrections(cycle, from_deferred(stored), Rules.from_json(cycle.month, cycle.rules))
        Cycle.objects.filter(pk=cycle.pk).update(
            status=CycleStatus.COMPUTED,
            computed_at=timezone.now(),
            running="",
            sample=draw_sample(cycle),
            review_figures=change_figures(cycle),
        )
    # The planner's statistics, for the approval and the payment plan that page through what was written.
    refresh_statistics(Entitlement, InputSnapshot, Correction)


_SNAPSHOT_FIELDS = ("cycle_id", "household_id", "data", "settled_version", "taken_at")
_ENTITLEMENT_FIELDS = (
    "cycle_id",
    "household_id",
    "month",
    "eligible",
    "consumption_units",
    "guaranteed",
    "resources",
    "amount",
    "breakdown",
    "rules",
    "previous_amount",
    "resources_declared",
    "created_at",
)


def _compute_chunk(cycle: Cycle, first: int, last: int, rules: Rules) -> dict[str, Any] | None:
    """Freezes the inputs of the chunk's households (once), then creates their entitlements (once) and
    their corrections. An entitlement is always computed from the snapshot that was kept. Returns the
    changes left to the end of the computation, if they are worth gathering (see `corrections.py`)."""
    in_range = InputSnapshot.objects.filter(cycle=cycle, household__id__range=(first, last))
    frozen = dict(in_range.values_list("household_id", "data"))
    versions = inputs_versions(first, last)
    fresh = [
        (pk, household)
        for pk, household in inputs_in_range(enrolled(cycle.month), first, last, cycle.month, rules)
        if pk not in frozen
    ]
    now = timezone.now()
    snapshots = [(cycle.pk, pk, snapshot_data(household), versions.get(pk), now) for pk, household in fresh]
    kept = insert_new(InputSnapshot, _SNAPSHOT_FIELDS, snapshots, key="household_id")
    inputs = {pk: household for pk, household in fresh if pk in kept}
    lost = [pk for pk, _ in fresh if pk not in kept]  # frozen meanwhile by a concurrent run: use theirs
    if lost:
        frozen.update(in_range.filter(household_id__in=lost).values_list("household_id", "data"))
    inputs.update((pk, from_snapshot(data)) for pk, data in frozen.items())
    owners = sorted(inputs)
    households = [inputs[pk] for pk in owners]
    benefits_due = entitled(households, cycle.month, rules)
    compact = rules.as_compact_json()
    previous = dict(
        Entitlement.objects.filter(month=add_months(cycle.month, -1), household__id__range=(first, last)).values_list(
            "household_id", "amount"
        )
    )
    rows = []
    for pk, household, benefits in zip(owners, households, benefits_due, strict=True):
        top_up = compute_top_up(household, cycle.month, rules, benefits)
        rows.append(
            (
                cycle.pk,
                pk,
                cycle.month,
                top_up.eligible,
                top_up.consumption_units,
                top_up.guaranteed,
                top_up.resources,
                top_up.top_up,
                top_up.breakdown,
                compact,
                previous.get(pk),
                resources_declared(household, cycle.month, rules),
                now,
            )
        )
    with transaction.atomic():
        # An entitlement is created once; a re-run never rewrites it (the constraint skips the duplicate).
        insert_new(Entitlement, _ENTITLEMENT_FIELDS, rows, key="household_id")
        changes = find_changes(cycle, first, last, versions)
        if worth_deferring(changes):
            return deferred_json(changes)
        write_corrections(cycle, changes, rules)
    return None
