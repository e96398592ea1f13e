from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import reminders_send_due


@db_periodic_task(crontab(minute="*"))
def send_due_reminders() -> dict[str, int]:
    """Every minute: send the reminders that are due (none once a meeting has started)."""
    return reminders_send_due()
