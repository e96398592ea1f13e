"""Starting the long steps of a cycle: one service per transition, each checking the cycle's state and
the step's preconditions *before* anything is queued, so the page answers with the reason at once
instead of saying "started" and failing in the queue. A step that fails in the queue anyway records
why on the cycle (`cycle_failure_record`), and the page shows it in French."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.accounts.models import User

from .enums import CycleStatus, RunningStep
from .models import Cycle, Enrollment, Entitlement
from .services import check_transition, require_officer

#: Households named in a refusal before "…": enough to find them, never a wall of references.
_NAMED = 20


def _locked(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


@transaction.atomic
def cycle_compute_start(*, actor: User, cycle: Cycle) -> Cycle:
    """Queues the computation of a draft cycle (or of what is left of a computed one)."""
    from .tasks import cycle_compute_task

    require_officer(actor)
    locked = _locked(cycle)
    check_transition(locked, CycleStatus.COMPUTED)
    Cycle.objects.filter(pk=locked.pk).update(
        failure="", failed_at=None, running=RunningStep.COMPUTE, running_by=actor, active_at=timezone.now()
    )
    transaction.on_commit(lambda: cycle_compute_task(locked.pk, actor.pk))
    return locked


def missing_ibans(cycle: Cycle) -> list[str]:
    """References of the households with an amount to pay and no IBAN, in order."""
    to_pay = Entitlement.objects.filter(cycle=cycle, amount__gt=0).values("household_id")
    without = Enrollment.objects.filter(household_id__in=to_pay, iban="").values_list("household__reference", flat=True)
    never_enrolled = Entitlement.objects.filter(
        cycle=cycle, amount__gt=0, household__rmg_enrollment__isnull=True
    ).values_list("household__reference", flat=True)
    return sorted({*without, *never_enrolled})


@transaction.atomic
def cycle_pay_start(*, actor: User, cycle: Cycle) -> Cycle:
    """Queues the payments of an approved cycle, once every household to pay has an IBAN."""
    from .tasks import cycle_pay_task

    require_officer(actor)
    locked = _locked(cycle)
    check_transition(locked, CycleStatus.PAID)
    missing = missing_ibans(locked)
    if missing:
        named = ", ".join(missing[:_NAMED]) + (" …" if len(missing) > _NAMED else "")
        plural = "s" if len(missing) > 1 else ""
        raise ValidationError(
            {"iban": f"{len(missing)} foyer{plural} sans IBAN : {named}. Renseignez-le{plural} avant de payer."}
        )
    Cycle.objects.filter(pk=locked.pk).update(
        failure="", failed_at=None, running=RunningStep.PAY, running_by=actor, active_at=timezone.now()
    )
    transaction.on_commit(lambda: cycle_pay_task(locked.pk, actor.pk))
    return locked


def cycle_failure_record(*, cycle_id: int, step: str, error: BaseException) -> None:
    """Records on the cycle why a queued step failed: the service's own French message when it refused,
    otherwise a plain sentence (the details, without personal data, are in the logs with the request id)."""
    if isinstance(error, ValidationError):
        reason = " ".join(error.messages)
    else:
        reason = "une erreur inattendue est survenue ; l'équipe technique la retrouvera dans les journaux"
    # The step stops there: the officer starts it again once what is said is put right.
    Cycle.objects.filter(pk=cycle_id).update(
        failure=f"{step} : {reason}"[:2000], failed_at=timezone.now(), running="", active_at=None
    )


def stalled_steps_claim() -> list[tuple[int, str, int | None]]:
    """The cycles whose queued step showed no sign of life for RMG_STALL_SECONDS (and did not fail): each
    one's last sign of life moves to now, so a step is queued again once per stall, by one watchdog.
    Returns (cycle, step, who asked for it)."""
    limit = timezone.now() - timedelta(seconds=settings.RMG_STALL_SECONDS)
    with transaction.atomic():
        stalled: list[tuple[int, str, int | None]] = list(
            Cycle.objects.select_for_update(skip_locked=True)
            .filter(running__in=RunningStep.values, active_at__lt=limit, failure="")
            .order_by("pk")
            .values_list("pk", "running", "running_by_id")
        )
        Cycle.objects.filter(pk__in=[pk for pk, _, _ in stalled]).update(active_at=timezone.now())
    return stalled
