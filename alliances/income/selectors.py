from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can, can_run_income_cycle
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.households.models import Member
from alliances.persons.models import Person

from .audit import audit_households
from .engine.rules import DatedValue, Rules, RulesError, rules_for
from .models import Correction, Cycle, Entitlement, Payment, SchemeRule, SepaFile


def opening_delay_months(*, month: date) -> int:
    """How many months after its first day a month's cycle may be opened: its resources must be known
    (a dated management rule with its source, `opening_delay_months` in rules/defaults.json)."""
    entry = (
        SchemeRule.objects.filter(name="opening_delay_months", valid_from__lte=month)
        .order_by("-valid_from")
        .values_list("value", flat=True)
        .first()
    )
    if entry is None:
        raise RulesError(f"Aucune valeur en vigueur en {month:%m/%Y} pour : opening_delay_months.")
    return int(entry)


def rules_in_force(*, month: date) -> Rules:
    """The scheme rules for a month, from the dated values in the database. Raises RulesError."""
    values = [
        DatedValue(name=r.name, valid_from=r.valid_from, value=r.value, source=r.source)
        for r in SchemeRule.objects.all()
    ]
    return rules_for(values, month)


#: What a cycle keeps for its review and audit, never needed to list a household's months.
_HEAVY_CYCLE_FIELDS = ("cycle__rules", "cycle__sample", "cycle__review_figures", "cycle__approval_record")


def income_history_for_person(*, actor: User, person: Person) -> dict[str, Any]:
    """The person's household entitlements, payments and corrections (audited read of household data)."""
    if not can(actor, Action.VIEW, person, Category.HOUSEHOLD):
        raise AccessDenied("Introuvable.")
    from alliances.households.selectors import household_id_of_person

    household_id = household_id_of_person(person=person)
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.HOUSEHOLD,
        action=AuditAction.READ,
        detail="revenu minimum garanti",
    )
    if household_id is None:
        return {"entitlements": [], "corrections": []}
    entitlements = list(
        Entitlement.objects.filter(household_id=household_id)
        .select_related("payment__sepa_file", "cycle")
        # Not the SEPA files' XML (megabytes, encrypted) nor the cycles' frozen rules: 291 → 25 ms.
        .defer(*_HEAVY_CYCLE_FIELDS, "payment__sepa_file__xml")
        .order_by("-month")[:24]
    )
    corrections = list(
        Correction.objects.filter(household_id=household_id)
        .select_related("cycle")
        .order_by("-cycle__month", "-month_concerned")[:24]
    )
    return {"entitlements": entitlements, "corrections": corrections, "household_id": household_id}


def cycle_summary(*, actor: User, cycle_id: int) -> dict[str, Any]:
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")
    cycle = Cycle.objects.filter(pk=cycle_id).select_related("computed_by", "approved_by", "paid_by").first()
    if cycle is None:
        raise AccessDenied("Introuvable.")
    figures = cycle.entitlements.aggregate(
        households=Count("id"), paid=Count("id", filter=Q(amount__gt=0)), total=Sum("amount")
    )
    # The payments through the cycle's SEPA files (an index), not joined to every entitlement: 33 → 6 ms.
    figures.update(
        Payment.objects.filter(sepa_file__cycle=cycle).aggregate(payments=Count("id"), paid_total=Sum("amount"))
    )
    ceiling = Decimal(cycle.rules.get("review_ceiling", {}).get("value", "0") or "0")
    review = (
        list(
            cycle.entitlements.filter(amount__gt=ceiling)
            .select_related("household", "reviewed_by")
            .order_by("-amount")[:200]
        )
        if cycle.rules
        else []
    )
    corrections = cycle.corrections.aggregate(count=Count("id"), total=Sum("amount"))
    files = cycle.sepa_files.aggregate(total=Count("id"), produced=Count("id", filter=~Q(xml="")))
    return {
        "cycle": cycle,
        "stalled_since": cycle_stalled_since(cycle),
        "figures": figures,
        "review": review,
        "ceiling": ceiling,
        "corrections": corrections,
        "files": files,
        # Their count and sum, not their XML (megabytes each, encrypted): that is read on download only.
        "sepa_files": list(cycle.sepa_files.defer("xml").order_by("sequence")) if cycle.status == "paid" else [],
    }


def sepa_file_get(*, actor: User, cycle_id: int, sequence: int) -> SepaFile:
    """A produced SEPA file of a cycle. It holds the name, IBAN and amount of every household it pays:
    its download is a read of each of their files (one audit event per person, in one query)."""
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")
    sepa = SepaFile.objects.filter(cycle_id=cycle_id, sequence=sequence).exclude(xml="").select_related("cycle").first()
    if sepa is None:
        raise AccessDenied("Introuvable.")
    audit_households(
        actor,
        Member.objects.filter(household__entitlements__payment__sepa_file=sepa),
        f"revenu garanti : téléchargement du virement SEPA de {sepa.cycle.month:%m/%Y} (fichier {sequence})",
        AuditAction.READ,
    )
    return sepa


@dataclass(frozen=True)
class CycleRow:
    cycle: Cycle
    households: int
    total: Decimal | None


def cycles_list(*, actor: User) -> list[CycleRow]:
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")
    cycles = list(Cycle.objects.order_by("-month")[:36])
    # A computed cycle keeps its total (`review_figures`): only the others are added up here, not the
    # 36 months' entitlements on every view (188 ms at 8,000 households a month; bench/load_city.py).
    unfrozen = [cycle.pk for cycle in cycles if not cycle.review_figures]
    sums = {
        row["cycle_id"]: row
        for row in Entitlement.objects.filter(cycle_id__in=unfrozen)
        .values("cycle_id")
        .annotate(households=Count("id"), total=Sum("amount"))
    }
    rows = []
    for cycle in cycles:
        if cycle.review_figures:
            rows.append(CycleRow(cycle, cycle.total_households, Decimal(cycle.review_figures["total"])))
        else:
            found = sums.get(cycle.pk, {})
            rows.append(CycleRow(cycle, found.get("households", 0), found.get("total")))
    return rows


def cycle_stalled_since(cycle: Cycle) -> datetime | None:
    """When the cycle's queued step last showed a sign of life, if that is longer ago than
    RMG_STALL_SECONDS (the page says so; the watchdog queues it again)."""
    if not cycle.running or cycle.active_at is None:
        return None
    if timezone.now() - cycle.active_at < timedelta(seconds=settings.RMG_STALL_SECONDS):
        return None
    return cycle.active_at
