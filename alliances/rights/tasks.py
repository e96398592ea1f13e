"""Background jobs for rights: one household's estimate, the caseload non-take-up check, and procedure
reminders."""

import logging
import time

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

logger = logging.getLogger(__name__)

#: What each worker logs once it can compute rights (the benchmarks wait for it).
READY_MESSAGE = "worker ready: OpenFisca system built and warmed up in %.1f s"


@on_startup()
def build_tax_benefit_system() -> None:
    """Each worker builds OpenFisca's system when it starts (~5 s, ~130 MB), and runs one small
    simulation of this month, not during the first caseload check or income cycle it is given: the
    consumer runs for months, a cycle for seconds."""
    from alliances.core.months import month_str

    from .engine.simulate import warm_up
    from .engine.system import tax_benefit_system

    began = time.perf_counter()
    tax_benefit_system()
    warm_up(month_str(timezone.localdate()))
    logger.info(READY_MESSAGE, time.perf_counter() - began)


@db_task()
def rights_check_run_execute(run_id: int) -> int:
    """Plans a run and enqueues one task per chunk of households: consumers share the work."""
    from django.utils import timezone as tz

    from .enums import RunStatus
    from .models import RightsCheckRun
    from .services import rights_check_run_plan

    plan = rights_check_run_plan(run_id=run_id)
    if not plan:
        RightsCheckRun.objects.filter(pk=run_id).update(status=RunStatus.DONE, finished_at=tz.now())
    for household_ids in plan:
        rights_check_chunk(run_id, household_ids)
    logger.info("rights check run %s: %s chunk(s) queued", run_id, len(plan))
    return len(plan)


@db_task()
def rights_estimate_compute(request_id: int) -> None:
    """One household's estimate, asked for from a page or the API (see `rights_estimate_request`)."""
    from .services import rights_estimate_request_execute

    rights_estimate_request_execute(request_id=request_id)


@db_task(retries=2, retry_delay=30)
def rights_check_chunk(run_id: int, household_ids: list[int]) -> int:
    from .services import rights_check_chunk_execute

    done, _failed = rights_check_chunk_execute(run_id=run_id, household_ids=household_ids)
    return done


@db_periodic_task(crontab(hour="8", minute="0"))
def procedure_reminders() -> int:
    return send_procedure_reminders()


def send_procedure_reminders() -> int:
    """Emails whoever helps with a procedure on its reminder day (or later, once). No personal data in logs."""
    from django.core.mail import send_mail

    from .enums import ProcedureState
    from .models import Procedure

    today = timezone.localdate()
    due = (
        Procedure.objects.filter(reminder_on__lte=today, reminder_sent_on__isnull=True)
        .exclude(state=ProcedureState.CLOSED)
        .select_related("helper_user", "person__account")
    )
    sent = 0
    for procedure in due:
        recipient = procedure.helper_user.email if procedure.helper_user else None
        if recipient is None and procedure.person.account is not None:
            recipient = procedure.person.account.email
        if recipient:
            deadline = f" avant le {procedure.deadline:%d/%m/%Y}" if procedure.deadline else ""
            send_mail(
                subject="Alliances : une démarche à suivre",
                message=f"Bonjour,\n\nLa démarche « {procedure.get_benefit_display()} » est à suivre{deadline}.\n"
                "Retrouvez-la dans Alliances.\n",
                from_email=None,
                recipient_list=[recipient],
            )
            sent += 1
        Procedure.objects.filter(pk=procedure.pk).update(reminder_sent_on=today)
    logger.info("procedure reminders sent: %s", sent)
    return sent


@db_task()
def rights_simulation_compute(simulation_id: int) -> None:
    """Households given in an API request, estimated in the queue (see `rights_simulation_request`)."""
    from .services import rights_simulation_execute

    rights_simulation_execute(simulation_id=simulation_id)
