"""Correction lines. When a household's inputs change for a month already paid, the next cycle adds
arrears, or recovers the overpayment (at most `recovery_cap` a month). A paid entitlement is never
rewritten.

Each chunk of a cycle finds its changes. A snapshot keeps the household's inputs version (bumped by
database triggers on every change of its members, housing or incomes); only the households whose version
moved since are read again and compared with their frozen snapshot (all of them when that month's rules
changed), and those that changed are computed again. Computing them is cheap, except when the month counts the
benefits due: a rights simulation then costs about 0.2 s whatever its size (measured), which a chunk
with a few dozen changes would pay for them alone. So a chunk with few such changes leaves them to the
end of the computation (`CycleChunk.deferred`), where those of every chunk are computed together.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, Sum

from alliances.households.models import Household
from alliances.rights.engine.household import HouseholdInput

from .engine.rules import Rules, RulesError
from .engine.top_up import compute_top_up, euros
from .enums import CorrectionKind
from .inputs import entitled, from_snapshot, inputs_in_range, months_read, snapshot_data
from .models import Correction, Cycle, Entitlement, InputSnapshot
from .selectors import rules_in_force

#: How many past months a cycle re-checks for later changes of resources.
CORRECTION_MONTHS = 12
#: A chunk leaves its changes to the end of the computation when they count benefits due and are this
#: few (measured apart: a rights simulation of 1 household takes 0.22 s, of 1,000 households 0.43 s).
DEFER_AT_MOST = 500


@dataclass
class MonthChanges:
    """The households whose inputs for a paid month changed since, with what they were paid."""

    month: date
    rules: Rules
    households: dict[int, HouseholdInput]
    paid: dict[int, Decimal]


def find_changes(cycle: Cycle, first: int, last: int) -> list[MonthChanges]:
    """For the months already paid (up to CORRECTION_MONTHS back), the households with ids in [first,
    last] whose inputs changed since they were paid (all of them, if that month's rules changed)."""
    earliest = _months_before(cycle.month, CORRECTION_MONTHS)
    past_cycles = Cycle.objects.filter(month__lt=cycle.month, month__gte=earliest, paid_at__isnull=False)
    changes = []
    for past in past_cycles.order_by("month"):
        paid = dict(
            Entitlement.objects.filter(
                cycle=past, household__id__range=(first, last), payment__isnull=False
            ).values_list("household_id", "amount")
        )
        if not paid:
            continue
        try:
            month_rules = rules_in_force(month=past.month)
        except RulesError:
            continue
        rules_changed = month_rules.as_json() != past.rules
        snapshots = InputSnapshot.objects.filter(cycle=past, household__id__range=(first, last))
        if not rules_changed:
            # Only the households whose inputs version moved since (or kept none) can have changed.
            moved = Q(inputs_version__isnull=True) | ~Q(inputs_version=F("household__inputs_version"))
            snapshots = snapshots.filter(moved)
        frozen = dict(snapshots.values_list("household_id", "data"))
        candidates = None if rules_changed else [pk for pk in frozen if pk in paid]
        if candidates == []:
            continue
        everyone = Household.objects.all()
        months = months_read(month_rules)
        changed = {
            pk: household
            for pk, household in inputs_in_range(everyone, first, last, past.month, months, only=candidates)
            if pk in paid and (rules_changed or snapshot_data(household) != frozen.get(pk))
        }
        if changed:
            changes.append(MonthChanges(past.month, month_rules, changed, {pk: paid[pk] for pk in changed}))
    return changes


def worth_deferring(changes: list[MonthChanges]) -> bool:
    counted = sum(len(change.households) for change in changes)
    return 0 < counted <= DEFER_AT_MOST and any(change.rules.resources_mode == "entitled" for change in changes)


def deferred_json(changes: list[MonthChanges]) -> dict[str, Any]:
    return {
        change.month.isoformat(): {
            str(pk): {"inputs": snapshot_data(household), "paid": str(change.paid[pk])}
            for pk, household in change.households.items()
        }
        for change in changes
    }


def from_deferred(stored: Iterable[dict[str, Any]]) -> list[MonthChanges]:
    """The changes left by every chunk, month by month (a household's months all come from one chunk)."""
    by_month: dict[date, MonthChanges] = {}
    for chunk_changes in stored:
        for month_iso, households in chunk_changes.items():
            month = date.fromisoformat(month_iso)
            if month not in by_month:
                by_month[month] = MonthChanges(month, rules_in_force(month=month), {}, {})
            change = by_month[month]
            for pk, entry in households.items():
                change.households[int(pk)] = from_snapshot(entry["inputs"])
                change.paid[int(pk)] = Decimal(entry["paid"])
    return [by_month[month] for month in sorted(by_month)]


def write_corrections(cycle: Cycle, changes: list[MonthChanges], rules: Rules) -> None:
    """Computes the changed households again, with the rules of each month; a difference with what was
    paid (and corrected since) becomes a correction line of this cycle, once."""
    concerned = sorted({pk for change in changes for pk in change.households})
    if not concerned:
        return
    current = dict(
        Entitlement.objects.filter(cycle=cycle, household_id__in=concerned).values_list("household_id", "amount")
    )
    recovered: dict[int, Decimal] = {}
    lines: list[Correction] = []
    for change in sorted(changes, key=lambda change: change.month):
        already = dict(
            Correction.objects.filter(household_id__in=list(change.households), month_concerned=change.month)
            .exclude(cycle=cycle)
            .values("household_id")
            .annotate(total=Sum("amount"))
            .values_list("household_id", "total")
        )
        # The month's own rules decide what counts: benefits due are computed again for the changed inputs.
        benefits_due = entitled(list(change.households.values()), change.month, change.rules)
        for (pk, household), benefits in zip(change.households.items(), benefits_due, strict=True):
            due = compute_top_up(household, change.month, change.rules, benefits).top_up
            corrected = already.get(pk, Decimal(0))
            line = _correction(
                cycle,
                pk,
                change.month,
                due - change.paid[pk] - corrected,
                (due, change.paid[pk], corrected),
                current.get(pk, Decimal(0)),
                recovered,
                rules,
            )
            if line is not None:
                lines.append(line)
    Correction.objects.bulk_create(lines, ignore_conflicts=True)


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _correction(
    cycle: Cycle,
    household_id: int,
    month: date,
    difference: Decimal,
    amounts: tuple[Decimal, Decimal, Decimal],
    current: Decimal,
    recovered: dict[int, Decimal],
    rules: Rules,
) -> Correction | None:
    """Arrears, or the recovery of an overpayment: at most `recovery_cap` a month, and never more than
    this month's amount. `amounts` = (now due, paid, already corrected) for the explanation."""
    if difference == 0:
        return None
    if difference > 0:
        kind, applied = CorrectionKind.ARREARS, difference
    else:
        taken = recovered.get(household_id, Decimal(0))
        room = min(rules.recovery_cap - taken, current - taken)
        applied = -min(-difference, max(room, Decimal(0)))
        kind = CorrectionKind.RECOVERY
        if applied == 0:
            return None
        recovered[household_id] = taken - applied
    due, paid, corrected = amounts
    explanation = (
        f"Vos ressources de {month:%m/%Y} ont changé : le complément dû est de {euros(due)}, "
        f"{euros(paid)} ont été versés"
        + (f" et {euros(corrected)} déjà corrigés" if corrected else "")
        + (
            f". Rappel de {euros(applied)} ce mois-ci."
            if applied > 0
            else f". Récupération de {euros(-applied)} ce mois-ci (au plus {euros(rules.recovery_cap)} par mois)."
        )
    )
    return Correction(
        household_id=household_id,
        month_concerned=month,
        cycle=cycle,
        kind=kind,
        amount=applied,
        difference=difference,
        explanation=explanation,
    )
