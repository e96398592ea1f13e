"""The monthly cycle's life: open → (compute) → approve, four eyes → (pay) → close, with the checks every step
shares: only an RMG officer, and only the transitions the cycle's status allows."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.policy import AccessDenied, can_run_income_cycle
from alliances.accounts.models import User
from alliances.core.months import add_months, month_label

from ..engine.rules import RulesError
from ..enums import CYCLE_TRANSITIONS, CycleStatus
from ..models import Cycle, Entitlement
from ..review import approval_record
from ..selectors import opening_delay_months, rules_in_force


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


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle) -> Cycle:
    require_officer(actor)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    check_transition(locked, CycleStatus.CLOSED)
    locked.status = CycleStatus.CLOSED
    locked.save(update_fields=["status"])
    return locked
