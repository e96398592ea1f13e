"""Paying a cycle: one payment per entitlement (unique), split into SEPA files with their control totals.

A re-run, or a run resumed after a crash, pays every household exactly once."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.core.bulk import insert_new
from alliances.core.months import of_month
from alliances.households.models import Member

from ..audit import audit_households
from ..enums import CycleStatus, RunningStep
from ..models import Correction, Cycle, Payment, SepaFile
from ..sepa import SepaValidationError, build_transfer_file
from .cycle import check_transition, require_officer

# Pay --------------------------------------------------------------------------------------------------------
#
# Paying is planned in one transaction (one payment per entitlement, unique; payments split into SEPA
# files), then each file is produced on its own: by this process (`cycle_pay`) or by one queue task per
# file. The last file produced marks the cycle paid.


def cycle_pay(*, actor: User, cycle: Cycle, execution_date: date | None = None) -> Cycle:
    """One payment per entitlement (unique), then the SEPA files with their control totals."""
    from ..notices import payment_notices_for_file

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
            Cycle.objects.filter(pk=locked.pk, running=RunningStep.PAY).update(running="")
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
        Cycle.objects.filter(pk=locked.pk).update(paid_by=actor, active_at=timezone.now())
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
    """The cycle's entitlements with the account to pay, by pages of `size` in household order, so each
    SEPA file holds the same households however the computation went (chunks in any order, resumed after a
    crash). Memory stays flat however many households there are; no join on payments, which grow as the
    pages are paid."""
    entitlements = cycle.entitlements.order_by("household_id")
    after = 0
    while True:
        batch = list(
            entitlements.filter(household_id__gt=after).values_list(
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
        after = batch[-1][1]


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
        Cycle.objects.filter(pk=cycle.pk).update(active_at=timezone.now())
        _mark_paid_when_filed(locked)


def _mark_paid_when_filed(cycle: Cycle) -> None:
    """Under the cycle's row lock: once every payment is in a produced file, the cycle is paid."""
    if not SepaFile.objects.filter(cycle=cycle, xml="").exists():
        Cycle.objects.filter(pk=cycle.pk).exclude(status=CycleStatus.PAID).update(
            status=CycleStatus.PAID, paid_at=timezone.now(), running=""
        )
