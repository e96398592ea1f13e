"""Correction lines. When a household's inputs change for a month already paid, the next cycle adds
arrears, or recovers the overpayment (at most `recovery_cap` a month). A paid entitlement is never
rewritten.

Each chunk of a cycle finds its changes without reading every paid month of every household again.
Database triggers bump a household's inputs version on every change of its members, housing or
incomes; each month's snapshot keeps the version up to which that month is settled (the one read
before its inputs were frozen). Only the households whose version moved past it are read again and
compared with their frozen snapshot (all of them when that month's rules changed); those that changed
are computed again. Each check settles the month on what it read: the version, the inputs (the frozen
`data` is never rewritten) and the top-up due on them, so a running scheme does not compute the same old
changes every month. A recovery held back by the monthly cap stays pending and goes on, cycle after
cycle, from that due, without computing the month again.

Computing changes is cheap, except when the month counts the benefits due: a rights simulation then
costs about 0.2 s whatever its size (measured), which a chunk with a few dozen changes would pay for
them alone. So a chunk with few such changes leaves them to the end of the computation
(`CycleChunk.deferred`), where those of every chunk are computed together.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, Sum

from alliances.households.input_format import HouseholdInput
from alliances.households.models import Household

from .engine.rules import Rules, RulesError
from .engine.top_up import compute_top_up, euros
from .enums import CorrectionKind
from .inputs import entitled, from_snapshot, inputs_in_range, snapshot_data
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
    #: Every household read again (changed or not) → (its snapshot's id, the inputs version read before):
    #: the month's settled version once computed. Empty when the month's rules changed.
    checked: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: Households not computed again with a recovery still pending → (snapshot id, the due it was settled on).
    pending: dict[int, tuple[int, Decimal]] = field(default_factory=dict)


def find_changes(cycle: Cycle, first: int, last: int, versions: dict[int, int]) -> list[MonthChanges]:
    """For the months already paid (up to CORRECTION_MONTHS back), the households with ids in [first,
    last] whose inputs changed since they were settled (all of them, if that month's rules changed), and
    those with a recovery still pending. `versions`: the households' inputs versions, read before
    anything else of the chunk."""
    earliest = _months_before(cycle.month, CORRECTION_MONTHS)
    past_cycles = Cycle.objects.filter(month__lt=cycle.month, month__gte=earliest, paid_at__isnull=False)
    changes = []
    for past in past_cycles.order_by("month"):
        try:
            month_rules = rules_in_force(month=past.month)
        except RulesError:
            continue
        rules_changed = month_rules.as_json() != past.rules
        in_range = InputSnapshot.objects.filter(cycle=past, household__id__range=(first, last))
        snapshots = in_range
        if not rules_changed:
            # Only the households whose inputs version moved past the settled one (or that kept none) can
            # have changed: in a running scheme, a few per chunk and month, often none (nothing more is read).
            moved = Q(settled_version__isnull=True) | ~Q(settled_version=F("household__inputs_version"))
            snapshots = snapshots.filter(moved)
        # What the month is settled on: the frozen inputs, or those of its last correction.
        rows = snapshots.values_list("household_id", "pk", "data", "settled_inputs")
        frozen = {pk: (snapshot, settled if settled is not None else data) for pk, snapshot, data, settled in rows}
        pending = {
            pk: (snapshot, due)
            for pk, snapshot, due in in_range.filter(recovery_pending=True).values_list(
                "household_id", "pk", "settled_due"
            )
            if due is not None
        }
        if not frozen and not pending:
            continue
        # Every entitlement of the month, paid or not: a month held back or under the minimum (0 €) is
        # owed arrears too when its resources turn out lower (what it was paid is its amount).
        paid_rows = Entitlement.objects.filter(cycle=past, household__id__range=(first, last))
        if not rules_changed:
            paid_rows = paid_rows.filter(household_id__in=[*frozen, *pending])
        paid = dict(paid_rows.values_list("household_id", "amount"))
        candidates = None if rules_changed else [pk for pk in frozen if pk in paid]
        read: dict[int, HouseholdInput] = {}
        if frozen and candidates != []:
            everyone = Household.objects.all()
            read = {
                pk: household
                for pk, household in inputs_in_range(everyone, first, last, past.month, month_rules, only=candidates)
                if pk in paid
            }
        changed = {
            pk: household
            for pk, household in read.items()
            if rules_changed or snapshot_data(household) != frozen[pk][1]
        }
        checked = {} if rules_changed else {pk: (frozen[pk][0], versions[pk]) for pk in read if pk in versions}
        pending = {pk: entry for pk, entry in pending.items() if pk in paid and pk not in changed}
        if changed or checked or pending:
            owed = {pk: paid[pk] for pk in [*changed, *pending]}
            changes.append(MonthChanges(past.month, month_rules, changed, owed, checked, pending))
    return changes


def worth_deferring(changes: list[MonthChanges]) -> bool:
    counted = sum(len(change.households) for change in changes)
    return 0 < counted <= DEFER_AT_MOST and any(change.rules.resources_mode == "entitled" for change in changes)


def deferred_json(changes: list[MonthChanges]) -> dict[str, Any]:
    months: dict[str, Any] = {}
    for change in changes:
        entries: dict[str, Any] = {
            str(pk): {"snapshot": snapshot, "version": version} for pk, (snapshot, version) in change.checked.items()
        }
        for pk, household in change.households.items():
            entries.setdefault(str(pk), {}).update(inputs=snapshot_data(household))
        for pk, (snapshot, due) in change.pending.items():
            entries.setdefault(str(pk), {}).update(snapshot=snapshot, due=str(due))
        for pk, amount in change.paid.items():
            entries[str(pk)]["paid"] = str(amount)
        months[change.month.isoformat()] = entries
    return months


def from_deferred(stored: Iterable[dict[str, Any]]) -> list[MonthChanges]:
    """The changes left by every chunk, month by month (a household's months all come from one chunk)."""
    by_month: dict[date, MonthChanges] = {}
    for chunk_changes in stored:
        for month_iso, households in chunk_changes.items():
            month = date.fromisoformat(month_iso)
            if month not in by_month:
                by_month[month] = MonthChanges(month, rules_in_force(month=month), {}, {})
            change = by_month[month]
            for key, entry in households.items():
                pk = int(key)
                if "paid" in entry:
                    change.paid[pk] = Decimal(entry["paid"])
                if "inputs" in entry:
                    change.households[pk] = from_snapshot(entry["inputs"])
                if "version" in entry:
                    change.checked[pk] = (entry["snapshot"], entry["version"])
                if "due" in entry:
                    change.pending[pk] = (entry["snapshot"], Decimal(entry["due"]))
    return [by_month[month] for month in sorted(by_month)]


def write_corrections(cycle: Cycle, changes: list[MonthChanges], rules: Rules) -> None:
    """Computes the changed households again, with the rules of each month; a difference with what was
    paid (and corrected since) becomes a correction line of this cycle, once. A recovery still pending
    goes on from the due it was settled on. Every month computed is then settled on what was read, with
    its due (in the caller's transaction, with the lines)."""
    concerned = sorted({pk for change in changes for pk in [*change.households, *change.pending]})
    current = dict(
        Entitlement.objects.filter(cycle=cycle, household_id__in=concerned).values_list("household_id", "amount")
    )
    # Recovered by this cycle already (another chunk's months, or the end of the computation's).
    recovered: dict[int, Decimal] = {
        pk: -total
        for pk, total in Correction.objects.filter(cycle=cycle, household_id__in=concerned, amount__lt=0)
        .values("household_id")
        .annotate(total=Sum("amount"))
        .values_list("household_id", "total")
    }
    lines: list[Correction] = []
    settled: dict[int, InputSnapshot] = {}  # snapshot id → what it is settled on
    for change in sorted(changes, key=lambda change: change.month):
        for snapshot_id, version in change.checked.values():
            settled[snapshot_id] = InputSnapshot(pk=snapshot_id, settled_version=version)
        owed = [*change.households, *change.pending]
        if not owed:
            continue
        already = dict(
            Correction.objects.filter(household_id__in=owed, month_concerned=change.month)
            .exclude(cycle=cycle)
            .values("household_id")
            .annotate(total=Sum("amount"))
            .values_list("household_id", "total")
        )
        # The month's own rules decide what counts: benefits due are computed again for the changed inputs.
        benefits_due = entitled(list(change.households.values()), change.month, change.rules)
        dues = {
            pk: compute_top_up(household, change.month, change.rules, benefits).top_up
            for (pk, household), benefits in zip(change.households.items(), benefits_due, strict=True)
        }
        dues.update((pk, due) for pk, (_, due) in change.pending.items())
        for pk, due in dues.items():
            corrected = already.get(pk, Decimal(0))
            difference = due - change.paid[pk] - corrected
            line = _correction(
                cycle,
                pk,
                change.month,
                difference,
                (due, change.paid[pk], corrected),
                current.get(pk, Decimal(0)),
                recovered,
                rules,
            )
            if line is not None:
                lines.append(line)
            held_back = difference - (line.amount if line is not None else Decimal(0)) != 0
            if pk in change.pending:
                target = settled.setdefault(change.pending[pk][0], InputSnapshot(pk=change.pending[pk][0]))
            elif pk in change.checked:
                target = settled[change.checked[pk][0]]
                target.settled_inputs = snapshot_data(change.households[pk])
            else:
                continue  # the month's rules changed: every household is computed again anyway
            target.settled_due, target.recovery_pending = due, held_back
    Correction.objects.bulk_create(lines, ignore_conflicts=True)
    _settle(settled)


def _settle(settled: dict[int, InputSnapshot]) -> None:
    """The snapshots take the version read, and what was computed from the inputs read: settled on them."""
    by_fields: dict[tuple[str, ...], list[InputSnapshot]] = {}
    for snapshot in settled.values():
        fields = tuple(
            name
            for name, value in (
                ("settled_version", snapshot.settled_version),
                ("settled_inputs", snapshot.settled_inputs),
                ("settled_due", snapshot.settled_due),
            )
            if value is not None
        )
        if snapshot.settled_due is not None:
            fields += ("recovery_pending",)
        by_fields.setdefault(fields, []).append(snapshot)
    for fields, snapshots in by_fields.items():
        if fields:
            InputSnapshot.objects.bulk_update(snapshots, list(fields), batch_size=500)


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
