from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import mandates_remind


@db_periodic_task(crontab(minute="0", hour="8"))
def remind_ending_mandates() -> int:
    """Every morning: tell both sides of a 6-month or 1-year mandate that it ends in 30 days."""
    return mandates_remind()
