"""The monthly cycle: compute → approve (four eyes) → pay → close; enrolment and IBAN; corrections.

Every step is idempotent and safe to run twice at once: unique constraints (one entitlement per
household and month, one payment per entitlement) and a row lock on the cycle make a re-run, or a run
resumed after a crash, pay every household exactly once.
"""

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_run_income_cycle, household_person_ids, require_on_household
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.households.models import Household
from alliances.rights.engine.household import HouseholdError, HouseholdInput, MemberInput
from alliances.rights.engine.months import month_str
from alliances.rights.stored import households_for_check, to_input

from .engine.rules import Rules, RulesError
from .engine.top_up import TopUp, compute_top_up, euros
from .enums import CYCLE_TRANSITIONS, CorrectionKind, CycleStatus
from .models import Correction, Cycle, Enrollment, Entitlement, InputSnapshot, Payment, SepaFile
from .selectors import rules_in_force
from .sepa import build_transfer_file

CHUNK = 2000
#: How many past months a cycle re-checks for later changes of resources.
CORRECTION_MONTHS = 12


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


def _require_officer(actor: User) -> None:
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")


def _transition(cycle: Cycle, to: str) -> None:
    if to not in CYCLE_TRANSITIONS[cycle.status]:
        raise ValidationError(
            {"status": f"Le cycle est « {cycle.get_status_display()} » : cette étape n'est pas possible maintenant."}
        )


def cycle_open(*, actor: User, month: date) -> Cycle:
    _require_officer(actor)
    try:
        rules_in_force(month=month)
    except RulesError as error:
        raise ValidationError({"month": str(error)}) from error
    cycle, _ = Cycle.objects.get_or_create(month=month.replace(day=1))
    return cycle


# Snapshots --------------------------------------------------------------------------------------------------


def snapshot_data(household: HouseholdInput) -> dict[str, Any]:
    return {
        "id": household.id,
        "commune": household.commune,
        "housing_status": household.housing_status,
        "rent": household.rent,
        "enrolled": household.enrolled,
        "received": household.received,
        "members": [
            {
                "id": m.id,
                "role": m.role,
                "birth_date": m.birth_date.isoformat(),
                "disability_rate": m.disability_rate,
                "incomes": m.incomes,
            }
            for m in household.members
        ],
    }


def from_snapshot(data: dict[str, Any]) -> HouseholdInput:
    return HouseholdInput(
        id=data["id"],
        commune=data["commune"],
        housing_status=data["housing_status"],
        rent=data["rent"],
        enrolled=data["enrolled"],
        received=data["received"],
        members=tuple(
            MemberInput(
                id=m["id"],
                role=m["role"],
                birth_date=date.fromisoformat(m["birth_date"]),
                disability_rate=m["disability_rate"],
                incomes=m["incomes"],
            )
            for m in data["members"]
        ),
    )


def _enrolled_ids(month: date) -> list[int]:
    return list(
        Enrollment.objects.filter(enrolled=True, since__lte=_last_day(month))
        .order_by("household_id")
        .values_list("household_id", flat=True)
    )


def _last_day(month: date) -> date:
    next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def _inputs(ids: Sequence[int], month: date, months: int = 12) -> Iterator[tuple[int, HouseholdInput]]:
    """The households' inputs for the month. With declared resources only the month's incomes matter
    (`months=1`); the rights engine (benefits due) reads the 12 months up to it."""
    households = households_for_check(Household.objects.filter(pk__in=ids), month_str(month), months).order_by("pk")
    for household in households:
        try:
            household_input = to_input(household, month_str(month))
        except HouseholdError:
            continue
        yield household.pk, HouseholdInput(**{**household_input.__dict__, "enrolled": True})


def _entitled(inputs: list[HouseholdInput], month: date, rules: Rules) -> list[dict[str, float] | None]:
    """Benefits due, from the rights engine, for the households whose top-up they can change."""
    if rules.resources_mode != "entitled":
        return [None] * len(inputs)
    return entitled_benefits(inputs, month, [rules])


def entitled_benefits(inputs: list[HouseholdInput], month: date, rules: list[Rules]) -> list[dict[str, float] | None]:
    from alliances.rights.engine.simulate import compute_rights

    from .engine.top_up import needs_entitled_benefits

    wanted = [i for i, h in enumerate(inputs) if any(needs_entitled_benefits(h, month, r) for r in rules)]
    results: list[dict[str, float] | None] = [{} for _ in inputs]
    computed = compute_rights([inputs[i] for i in wanted], month_str(month)) if wanted else []
    for index, result in zip(wanted, computed, strict=True):
        results[index] = result.benefits
    return results


def _entitlement(cycle: Cycle, household_id: int, top_up: TopUp, rules: Rules) -> Entitlement:
    return Entitlement(
        cycle=cycle,
        household_id=household_id,
        month=cycle.month,
        eligible=top_up.eligible,
        consumption_units=top_up.consumption_units,
        guaranteed=top_up.guaranteed,
        resources=top_up.resources,
        amount=top_up.top_up,
        breakdown=top_up.breakdown,
        rules=rules.as_compact_json(),
    )


# Compute ----------------------------------------------------------------------------------------------------


def cycle_compute(*, actor: User, cycle: Cycle) -> Cycle:
    """Freezes each enrolled household's inputs, then creates its entitlement (once) and its corrections."""
    _require_officer(actor)
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        _transition(locked, CycleStatus.COMPUTED)
        try:
            rules = rules_in_force(month=locked.month)
        except RulesError as error:
            raise ValidationError({"month": str(error)}) from error
        ids = _enrolled_ids(locked.month)
        Cycle.objects.filter(pk=locked.pk).update(rules=rules.as_json(), total_households=len(ids), progress=0)
    for start in range(0, len(ids), CHUNK):
        _compute_chunk(locked, ids[start : start + CHUNK], rules)
        Cycle.objects.filter(pk=locked.pk).update(progress=min(len(ids), start + CHUNK))
    with transaction.atomic():
        Cycle.objects.filter(pk=locked.pk).update(
            status=CycleStatus.COMPUTED, computed_by=actor, computed_at=timezone.now()
        )
    locked.refresh_from_db()
    return locked


def _compute_chunk(cycle: Cycle, ids: Sequence[int], rules: Rules) -> None:
    existing = dict(InputSnapshot.objects.filter(cycle=cycle, household_id__in=ids).values_list("household_id", "data"))
    months = 12 if rules.resources_mode == "entitled" else 1
    fresh = list(_inputs([i for i in ids if i not in existing], cycle.month, months))
    with transaction.atomic():
        InputSnapshot.objects.bulk_create(
            [InputSnapshot(cycle=cycle, household_id=pk, data=snapshot_data(h)) for pk, h in fresh],
            ignore_conflicts=True,
        )
    frozen = dict(InputSnapshot.objects.filter(cycle=cycle, household_id__in=ids).values_list("household_id", "data"))
    owners = [pk for pk in ids if pk in frozen]
    inputs = [from_snapshot(frozen[pk]) for pk in owners]
    entitled = _entitled(inputs, cycle.month, rules)
    entitlements = [
        _entitlement(cycle, pk, compute_top_up(h, cycle.month, rules, e), rules)
        for pk, h, e in zip(owners, inputs, entitled, strict=True)
    ]
    with transaction.atomic():
        # An entitlement is created once; a re-run never rewrites it (the constraint ignores the duplicate).
        Entitlement.objects.bulk_create(entitlements, ignore_conflicts=True)
        _corrections(cycle, owners, rules)


def _corrections(cycle: Cycle, household_ids: Sequence[int], rules: Rules) -> None:
    """For months already paid, recompute from today's data; a difference becomes a correction line."""
    paid = (
        Entitlement.objects.filter(household_id__in=household_ids, month__lt=cycle.month, payment__isnull=False)
        .select_related("cycle")
        .order_by("household_id", "month")
    )
    if not paid:
        return
    earliest = cycle.month.replace(year=cycle.month.year - 1)
    corrections: list[Correction] = []
    recovered: dict[int, Decimal] = {}
    current = {
        e.household_id: e.amount for e in Entitlement.objects.filter(cycle=cycle, household_id__in=household_ids)
    }
    for entitlement in paid:
        if entitlement.month < earliest:
            continue
        month_rules = _rules_of(entitlement)
        recomputed = next(
            iter(
                _inputs(
                    [entitlement.household_id],
                    entitlement.month,
                    12 if month_rules and month_rules.resources_mode == "entitled" else 1,
                )
            ),
            None,
        )
        if recomputed is None or month_rules is None:
            continue
        now_due = compute_top_up(recomputed[1], entitlement.month, month_rules).top_up
        already = Correction.objects.filter(
            household_id=entitlement.household_id, month_concerned=entitlement.month
        ).exclude(cycle=cycle)
        corrected = already.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        difference = now_due - entitlement.amount - corrected
        if difference == 0:
            continue
        if difference > 0:
            kind, applied = CorrectionKind.ARREARS, difference
        else:
            room = rules.recovery_cap - recovered.get(entitlement.household_id, Decimal(0))
            room = min(
                room,
                current.get(entitlement.household_id, Decimal(0)) - recovered.get(entitlement.household_id, Decimal(0)),
            )
            applied = -min(-difference, max(room, Decimal(0)))
            kind = CorrectionKind.RECOVERY
            if applied == 0:
                continue
            recovered[entitlement.household_id] = recovered.get(entitlement.household_id, Decimal(0)) - applied
        explanation = (
            f"Vos ressources de {entitlement.month:%m/%Y} ont changé : le complément dû est de {euros(now_due)}, "
            f"{euros(entitlement.amount)} ont été versés"
            + (f" et {euros(corrected)} déjà corrigés" if corrected else "")
            + (
                f". Rappel de {euros(applied)} ce mois-ci."
                if applied > 0
                else f". Récupération de {euros(-applied)} ce mois-ci (au plus {euros(rules.recovery_cap)} par mois)."
            )
        )
        corrections.append(
            Correction(
                household_id=entitlement.household_id,
                month_concerned=entitlement.month,
                cycle=cycle,
                kind=kind,
                amount=applied,
                difference=difference,
                explanation=explanation,
            )
        )
    Correction.objects.bulk_create(corrections, ignore_conflicts=True)


def _rules_of(entitlement: Entitlement) -> Rules | None:
    try:
        return rules_in_force(month=entitlement.month)
    except RulesError:
        return None


# Approve ----------------------------------------------------------------------------------------------------


def entitlement_review(*, actor: User, entitlement: Entitlement) -> Entitlement:
    """One-by-one review of an amount above the ceiling, by someone other than whoever computed it."""
    _require_officer(actor)
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
    _require_officer(actor)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _transition(locked, CycleStatus.APPROVED)
    if locked.computed_by_id == actor.pk:
        raise ValidationError(
            {"approved_by": "Le cycle doit être approuvé par une autre personne que celle qui l'a calculé."}
        )
    pending = above_ceiling(locked).filter(reviewed_at__isnull=True).count()
    if pending:
        raise ValidationError({"approved_by": f"Montants au-dessus du plafond encore à revoir un par un : {pending}."})
    locked.status, locked.approved_by, locked.approved_at = CycleStatus.APPROVED, actor, timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    return locked


# Pay --------------------------------------------------------------------------------------------------------


def cycle_pay(*, actor: User, cycle: Cycle, execution_date: date | None = None) -> Cycle:
    """One payment per entitlement (unique), then the SEPA file with its control totals."""
    _require_officer(actor)
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.status == CycleStatus.PAID:
            return locked
        _transition(locked, CycleStatus.PAID)
        corrections = dict(
            Correction.objects.filter(cycle=locked)
            .values("household_id")
            .annotate(total=Sum("amount"))
            .values_list("household_id", "total")
        )
        accounts = {
            e.household_id: e
            for e in Enrollment.objects.filter(household_id__in=locked.entitlements.values("household_id"))
        }
        missing = []
        payments = []
        for entitlement in locked.entitlements.filter(payment__isnull=True).order_by("household_id"):
            amount = entitlement.amount + corrections.get(entitlement.household_id, Decimal(0))
            if amount <= 0:
                continue
            account = accounts.get(entitlement.household_id)
            if account is None or not account.iban:
                missing.append(entitlement.household_id)
                continue
            payments.append(
                Payment(
                    entitlement=entitlement,
                    amount=amount,
                    corrections_total=corrections.get(entitlement.household_id, Decimal(0)),
                    iban=account.iban,
                    bic=account.bic,
                    account_holder=account.account_holder,
                    end_to_end_id=f"RMG{locked.month:%Y%m}{entitlement.pk:012d}",
                )
            )
        if missing:
            raise ValidationError(
                {
                    "iban": f"{len(missing)} foyer{'s' if len(missing) > 1 else ''} sans IBAN : "
                    "renseignez-le avant de payer."
                }
            )
        Payment.objects.bulk_create(payments, ignore_conflicts=True)
        unfiled = list(
            Payment.objects.filter(entitlement__cycle=locked, sepa_file__isnull=True).order_by("end_to_end_id")
        )
        size = settings.RMG_SEPA_MAX_TRANSFERS
        sequence = locked.sepa_files.count()
        for start in range(0, len(unfiled), size):
            batch = unfiled[start : start + size]
            sequence += 1
            xml, count, total = build_transfer_file(
                (
                    {
                        "name": p.account_holder,
                        "iban": p.iban,
                        "bic": p.bic,
                        "amount": p.amount,
                        "end_to_end_id": p.end_to_end_id,
                        "description": f"Revenu minimum garanti {locked.month:%m/%Y}",
                    }
                    for p in batch
                ),
                execution_date=execution_date or timezone.localdate(),
                message_id=f"RMG-{locked.month:%Y%m}-{locked.pk}-{sequence}",
            )
            sepa = SepaFile.objects.create(cycle=locked, sequence=sequence, xml=xml, count=count, control_sum=total)
            Payment.objects.filter(pk__in=[p.pk for p in batch]).update(sepa_file=sepa)
        locked.status, locked.paid_by, locked.paid_at = CycleStatus.PAID, actor, timezone.now()
        locked.save(update_fields=["status", "paid_by", "paid_at"])
    return locked


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle) -> Cycle:
    _require_officer(actor)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _transition(locked, CycleStatus.CLOSED)
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
        ids = _enrolled_ids(month)
        for start in range(0, len(ids), CHUNK):
            households.extend(h for _, h in _inputs(ids[start : start + CHUNK], month))
    entitled = None
    if "entitled" in (current.resources_mode, variant.resources_mode) and households:
        entitled = entitled_benefits(households, month, [current, variant])
    return simulate_budget(households, month, current, variant, entitled)
