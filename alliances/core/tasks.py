from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup, periodic_task

from .health import heartbeat_beat
from .queue import deferred_tasks_flush


@periodic_task(crontab(minute="*"))
def heartbeat() -> None:
    """Every minute: the health endpoint reads how long ago a consumer last ran this."""
    heartbeat_beat()


@db_periodic_task(crontab(minute="*"))
def deferred_tasks() -> int:
    """Every minute: the tasks kept in the database while Redis was unreachable are queued."""
    return deferred_tasks_flush()


@on_startup()
def deferred_tasks_at_start() -> None:
    """A consumer starting (after Redis came back, say) queues what was kept at once."""
    from django.db import close_old_connections

    try:
        deferred_tasks_flush()
    finally:
        close_old_connections()
