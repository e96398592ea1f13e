"""The monthly cycle: compute → approve (four eyes) → pay → close; enrolment and IBAN; corrections.

Every step is idempotent and safe to run twice at once: unique constraints (one entitlement per
household and month, one payment per entitlement) and a row lock on the cycle make a re-run, or a run
resumed after a crash, pay every household exactly once.
"""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_run_income_cycle, household_person_ids, require_on_household
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.core.bulk import insert_new, refresh_statistics
from alliances.core.months import add_months, month_label, of_month
from alliances.households.models import Household, Member
from alliances.rights.engine.household import HouseholdInput

from .audit import audit_households
from .corrections import deferred_json, find_changes, from_deferred, worth_deferring, write_corrections
from .engine.rules import Rules, RulesError
from .engine.top_up import compute_top_up, resources_declared
from .enums import CYCLE_TRANSITIONS, CycleStatus
from .inputs import (
    enrolled,
    entitled,
    entitled_benefits,
    from_snapshot,
    inputs_in_range,
    inputs_versions,
    months_read,
    snapshot_data,
)
from .models import Correction, Cycle, CycleChunk, Enrollment, Entitlement, InputSnapshot, Payment, SepaFile
from .review import approval_record, change_figures, draw_sample
from .selectors import opening_delay_months, rules_in_force
from .sepa import SepaValidationError, build_transfer_file


def _iban(value: str) -> tuple[str, str]:
    try:
        iban = IBAN(value.replace(" ", ""))
    except SchwiftyException as error:
        raise ValidationError({"iban": "Cet IBAN n'est pas valide : vérifiez les chiffres et la clé."}) from error
    bic = str(iban.bic) if iban.bic else ""
    return str(iban.compact), bic


@transaction.atomic
def enrollment_set(
    *,
    actor: User,
    household: Household,
    enrolled: bool,
    iban: str = "",
    account_holder: str = "",
    since: date | None = None,
) -> Enrollment:
    require_on_household(actor, Action.CHANGE, household)
    compact, bic = _iban(iban) if iban.strip() else ("", "")
    if compact and not account_holder.strip():
        raise ValidationError({"account_holder": "Indiquez le titulaire du compte."})
    enrollment, _ = Enrollment.objects.update_or_create(
        household=household,
        defaults={
            "enrolled": enrolled,
            "iban": compact,
            "bic": bic,
            "account_holder": account_holder.strip()[:70],
            "since": since or timezone.localdate(),
        },
    )
    audit_record_many(
        actor=actor,
        person_ids=household_person_ids(household),
        category=Category.HOUSEHOLD,
        action=AuditAction.WRITE,
        detail="inscription au RMG",
    )
    return enrollment


def require_officer(actor: User) -> None:
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")


def check_transition(cycle: Cycle, to: str) -> None:
    if to not in CYCLE_TRANSITIONS[cycle.status]:
        raise ValidationError(
            {"status": f"Le cycle est « {cycle.get_status_display()} » : cette étape n'est pas possible maintenant."}
        )


def cycle_open(*, actor: User, month: date) -> Cycle:
    """Opens the cycle of a month whose resources can be known (never a month still to come)."""
    require_officer(actor)
    month = month.replace(day=1)
    try:
        rules_in_force(month=month)
        delay = opening_delay_months(month=month)
    except RulesError as error:
        raise ValidationError({"month": str(error)}) from error
    opens_on = add_months(month, delay)
    if timezone.localdate() < opens_on and not Cycle.objects.filter(month=month).exists():
        raise ValidationError(
            {
                "month": f"Les ressources de {month_label(month)} ne sont pas encore connues : ce cycle pourra "
                f"être ouvert à partir du {opens_on.day}{'er' if opens_on.day == 1 else ''} {month_label(opens_on)}."
            }
        )
    cycle, _ = Cycle.objects.get_or_create(month=month)
    return cycle


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
            Cycle.objects.filter(pk=cycle.pk).update(progress=F("progress") + chunk.households)
        last = not CycleChunk.objects.filter(cycle=cycle, done_at__isnull=True).exists()
    if last:
        cycle_compute_finish(cycle_id=cycle.pk)


def cycle_compute_finish(*, cycle_id: int) -> None:
    """Once every chunk is done: the corrections the chunks left to the end, computed together, then the
    cycle is computed. Runs once (under the cycle's lock, and only while it is a draft)."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle_id)
        chunks = CycleChunk.objects.filter(cycle=cycle)
        if cycle.status != CycleStatus.DRAFT or not chunks.exists() or chunks.filter(done_at__isnull=True).exists():
            return
        stored = [changes for changes in chunks.values_list("deferred", flat=True) if changes]
        write_corrections(cycle, from_deferred(stored), Rules.from_json(cycle.month, cycle.rules))
        Cycle.objects.filter(pk=cycle.pk).update(
            status=CycleStatus.COMPUTED,
            computed_at=timezone.now(),
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


# Approve ----------------------------------------------------------------------------------------------------


def entitlement_review(*, actor: User, entitlement: Entitlement) -> Entitlement:
    """One-by-one review of an amount above the ceiling, by someone other than whoever computed it, while
    the cycle is computed and not yet approved."""
    require_officer(actor)
    if entitlement.cycle.status != CycleStatus.COMPUTED:
        raise ValidationError(
            {
                "reviewed_by": f"Le cycle est « {entitlement.cycle.get_status_display()} » : "
                "ses montants ne se revoient plus."
            }
        )
    if entitlement.cycle.computed_by_id == actor.pk:
        raise ValidationError(
            {"reviewed_by": "Un montant doit être revu par une autre personne que celle qui a calculé le cycle."}
        )
    Entitlement.objects.filter(pk=entitlement.pk).update(reviewed_by=actor, reviewed_at=timezone.now())
    entitlement.refresh_from_db()
    return entitlement


def above_ceiling(cycle: Cycle) -> Any:
    ceiling = Decimal(cycle.rules.get("review_ceiling", {}).get("value", "0") or "0")
    return cycle.entitlements.filter(amount__gt=ceiling).order_by("-amount")


@transaction.atomic
def cycle_approve(*, actor: User, cycle: Cycle) -> Cycle:
    require_officer(actor)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    check_transition(locked, CycleStatus.APPROVED)
    if locked.computed_by_id == actor.pk:
        raise ValidationError(
            {"approved_by": "Le cycle doit être approuvé par une autre personne que celle qui l'a calculé."}
        )
    pending = above_ceiling(locked).filter(reviewed_at__isnull=True).count()
    if pending:
        raise ValidationError({"approved_by": f"Montants au-dessus du plafond encore à revoir un par un : {pending}."})
    locked.status, locked.approved_by, locked.approved_at = CycleStatus.APPROVED, actor, timezone.now()
    locked.approval_record = approval_record(locked, actor)
    locked.save(update_fields=["status", "approved_by", "approved_at", "approval_record"])
    return locked


# Pay --------------------------------------------------------------------------------------------------------
#
# Paying is planned in one transaction (one payment per entitlement, unique; payments split into SEPA
# files), then each file is produced on its own: by this process (`cycle_pay`) or by one queue task per
# file. The last file produced marks the cycle paid.


def cycle_pay(*, actor: User, cycle: Cycle, execution_date: date | None = None) -> Cycle:
    """One payment per entitlement (unique), then the SEPA files with their control totals."""
    from .notices import payment_notices_for_file

    for file_id in cycle_pay_plan(actor=actor, cycle=cycle, execution_date=execution_date):
        cycle_pay_file(file_id=file_id)
        payment_notices_for_file(file_id=file_id)
    return Cycle.objects.get(pk=cycle.pk)


_PAYMENT_FIELDS = (
    "entitlement_id",
    "amount",
    "corrections_total",
    "iban",
    "bic",
    "account_holder",
    "end_to_end_id",
    "created_at",
    "sepa_file_id",
)


def cycle_pay_plan(*, actor: User, cycle: Cycle, execution_date: date | None = None) -> list[int]:
    """Creates the missing payments, each in a SEPA file of at most RMG_SEPA_MAX_TRANSFERS with its
    count and sum; returns the files still to produce."""
    require_officer(actor)
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.status == CycleStatus.PAID:
            return []
        check_transition(locked, CycleStatus.PAID)
        corrections = dict(
            Correction.objects.filter(cycle=locked)
            .values("household_id")
            .annotate(total=Sum("amount"))
            .values_list("household_id", "total")
        )
        if locked.sepa_files.exists():  # planned before (all payments at once): only files are left to produce
            return list(locked.sepa_files.filter(xml="").order_by("sequence").values_list("pk", flat=True))
        files = _SepaFiling(locked, execution_date or timezone.localdate())
        missing = 0
        for batch in _entitlement_pages(locked):
            now = timezone.now()
            for pk, household_id, amount, iban, bic, holder in batch:
                corrected = corrections.get(household_id, Decimal(0))
                if amount + corrected <= 0:
                    continue
                if not iban:
                    missing += 1
                    continue
                reference = f"RMG{locked.month:%Y%m}{pk:012d}"
                files.add((pk, amount + corrected, corrected, iban, bic, holder, reference, now))
        if missing:
            raise ValidationError(
                {"iban": f"{missing} foyer{'s' if missing > 1 else ''} sans IBAN : renseignez-le avant de payer."}
            )
        files.close()
        audit_households(
            actor,
            Member.objects.filter(household__entitlements__payment__sepa_file__cycle=locked),
            f"Versement du revenu garanti {of_month(locked.month)}",
            AuditAction.PAY,
        )
        Cycle.objects.filter(pk=locked.pk).update(paid_by=actor)
        _mark_paid_when_filed(locked)
        pending = locked.sepa_files.filter(xml="").order_by("sequence")
        return list(pending.values_list("pk", flat=True))


class _SepaFiling:
    """Payments written file by file, as they come: each file gets at most RMG_SEPA_MAX_TRANSFERS, and
    the count and sum of the payments actually created in it (the XML is produced later, per file)."""

    def __init__(self, cycle: Cycle, execution_date: date) -> None:
        self.cycle, self.execution_date = cycle, execution_date
        self.size = settings.RMG_SEPA_MAX_TRANSFERS
        self.sequence = cycle.sepa_files.count()
        self.rows: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) == self.size:
            self._write()

    def close(self) -> None:
        if self.rows:
            self._write()

    def _write(self) -> None:
        self.sequence += 1
        sepa = SepaFile.objects.create(
            cycle=self.cycle,
            sequence=self.sequence,
            xml="",
            count=0,
            control_sum=0,
            execution_date=self.execution_date,
        )
        rows = [(*row, sepa.pk) for row in self.rows]
        created = insert_new(Payment, _PAYMENT_FIELDS, rows, key="entitlement_id")
        amounts = [row[1] for row in self.rows if row[0] in created]
        SepaFile.objects.filter(pk=sepa.pk).update(count=len(amounts), control_sum=sum(amounts, Decimal(0)))
        self.rows = []


def _entitlement_pages(cycle: Cycle, size: int = 10000) -> Iterator[list[tuple[Any, ...]]]:
    """The cycle's entitlements with the account to pay, by pages of `size` in id order (memory stays
    flat however many households there are; no join on payments, which grow as the pages are paid)."""
    entitlements = cycle.entitlements.order_by("pk")
    after = 0
    while True:
        batch = list(
            entitlements.filter(pk__gt=after).values_list(
                "pk",
                "household_id",
                "amount",
                "household__rmg_enrollment__iban",
                "household__rmg_enrollment__bic",
                "household__rmg_enrollment__account_holder",
            )[:size]
        )
        if not batch:
            return
        yield batch
        after = batch[-1][0]


def cycle_pay_file(*, file_id: int) -> None:
    """Produces one SEPA file (a queue task; planning checked who asked), validated against the schema,
    with the count and sum planned. Producing it twice keeps the first."""
    sepa = SepaFile.objects.select_related("cycle").get(pk=file_id)
    if sepa.xml:
        return
    cycle = sepa.cycle
    payments = sepa.payments.order_by("end_to_end_id").values_list(
        "account_holder", "iban", "bic", "amount", "end_to_end_id"
    )
    description = f"Revenu minimum garanti {cycle.month:%m/%Y}"
    xml, count, total = build_transfer_file(
        (
            {"name": name, "iban": iban, "bic": bic, "amount": amount, "end_to_end_id": ref, "description": description}
            for name, iban, bic, amount, ref in payments.iterator(chunk_size=10000)
        ),
        execution_date=sepa.execution_date or timezone.localdate(),
        message_id=f"RMG-{cycle.month:%Y%m}-{cycle.pk}-{sepa.sequence}",
    )
    if (count, total) != (sepa.count, sepa.control_sum):
        raise SepaValidationError(f"Le fichier SEPA n° {sepa.sequence} ne correspond pas aux paiements prévus.")
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)  # files end one after the other
        SepaFile.objects.filter(pk=sepa.pk, xml="").update(xml=xml)
        _mark_paid_when_filed(locked)


def _mark_paid_when_filed(cycle: Cycle) -> None:
    """Under the cycle's row lock: once every payment is in a produced file, the cycle is paid."""
    if not SepaFile.objects.filter(cycle=cycle, xml="").exists():
        Cycle.objects.filter(pk=cycle.pk).exclude(status=CycleStatus.PAID).update(
            status=CycleStatus.PAID, paid_at=timezone.now()
        )


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle) -> Cycle:
    require_officer(actor)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    check_transition(locked, CycleStatus.CLOSED)
    locked.status = CycleStatus.CLOSED
    locked.save(update_fields=["status"])
    return locked


def rules_load_defaults() -> int:
    """Loads the default dated rules (rules/defaults.json) where missing. Idempotent; returns how many were added."""
    from .engine.rules import default_values
    from .models import SchemeRule

    added = 0
    for value in default_values():
        _, created = SchemeRule.objects.get_or_create(
            name=value.name, valid_from=value.valid_from, defaults={"value": value.value, "source": value.source}
        )
        added += created
    return added


def budget_run(*, actor: User, month: date, changes: dict[str, Any], population: str = "") -> Any:
    """Simulates a variant of the rules over the enrolled households, or over an uploaded population file
    (household JSON format). Returns a BudgetResult; reads totals only."""
    from alliances.access.policy import can_simulate_budget
    from alliances.rights.engine.io import InputError, parse_all, read_households

    from .engine.budget import simulate_budget

    if not can_simulate_budget(actor):
        raise AccessDenied("Introuvable.")
    try:
        current = rules_in_force(month=month)
    except RulesError as error:
        raise ValidationError({"month": str(error)}) from error
    variant = current.with_changes(**{k: v for k, v in changes.items() if v not in (None, "")})
    households: list[HouseholdInput] = []
    if population.strip():
        try:
            households, errors = parse_all(list(read_households(population)))
        except InputError as error:
            raise ValidationError({"population": str(error)}) from error
        if errors:
            first = errors[0]
            raise ValidationError({"population": f"Foyer {first['id']}, {first['field']} : {first['message']}"})
    else:
        in_scheme = enrolled(month)
        ids = list(in_scheme.order_by("pk").values_list("pk", flat=True))
        months = max(months_read(current), months_read(variant))
        size = settings.RMG_CYCLE_CHUNK
        for start in range(0, len(ids), size):
            low, high = ids[start], ids[min(start + size, len(ids)) - 1]
            households.extend(h for _, h in inputs_in_range(in_scheme, low, high, month, current, months=months))
    entitled = None
    if "entitled" in (current.resources_mode, variant.resources_mode) and households:
        entitled = entitled_benefits(households, month, [current, variant])
    return simulate_budget(households, month, current, variant, entitled)
