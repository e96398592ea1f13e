from huey import crontab
from huey.contrib.djhuey import periodic_task

from .health import heartbeat_beat


@periodic_task(crontab(minute="*"))
def heartbeat() -> None:
    """Every minute: the health endpoint reads how long ago a consumer last ran this."""
    heartbeat_beat()
