"""Background jobs for rights: the caseload non-take-up check, and procedure reminders."""

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

logger = logging.getLogger(__name__)


@db_task()
def rights_check_run_execute(run_id: int) -> int:
    from .services import rights_check_run_execute_now

    run = rights_check_run_execute_now(run_id=run_id)
    logger.info("rights check run %s: %s done, %s failed", run.pk, run.done, run.failed)
    return run.done


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
