"""The task queue on Redis, with a fallback: when Redis cannot be reached, a task being queued is kept
in the database (encrypted: its arguments can be personal) and queued once Redis answers again, by the
consumer (`deferred_tasks_flush`, at start and every minute). Nothing asked for is lost; the page that
asked says so (`www/queue_notice.py`)."""

import base64
import logging
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from huey import RedisHuey
from huey.api import PeriodicTask, Task
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: The errors that mean "Redis cannot be reached" (not a bug in a task).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

#: Set when a task was kept in the database during the current request (read by the page's middleware).
_kept: ContextVar[bool] = ContextVar("alliances_tasks_kept", default=False)


class FallbackRedisHuey(RedisHuey):
    """Huey on Redis; a task that cannot reach Redis is kept in the database instead of being lost."""

    def enqueue(self, task: Any) -> Any:
        if self._immediate or not isinstance(task, Task) or isinstance(task, PeriodicTask):
            return super().enqueue(task)  # groups, chords and the scheduler's own tasks: as huey does
        try:
            return super().enqueue(task)
        except UNREACHABLE:
            deferred_task_keep(self.serialize_task(task), task.priority, task.name)
            return None


def deferred_task_keep(message: bytes, priority: int | None, name: str) -> None:
    from .models import DeferredTask

    DeferredTask.objects.create(message=base64.b64encode(message).decode(), priority=priority, name=name[:200])
    _kept.set(True)
    logger.warning("task queue unreachable: task %s kept in the database until it answers", name)


def deferred_tasks_flush(huey: Any = None, batch: int = 500) -> int:
    """Queues the tasks kept while Redis was unreachable, oldest first; returns how many. Two consumers
    flushing at once never queue one twice (rows locked, skipped by the other)."""
    from huey.contrib.djhuey import HUEY

    from .models import DeferredTask

    storage = (huey or HUEY).storage
    flushed = 0
    while True:
        with transaction.atomic():
            rows = list(DeferredTask.objects.select_for_update(skip_locked=True).order_by("pk")[:batch])
            for row in rows:
                storage.enqueue(base64.b64decode(row.message), row.priority)
            DeferredTask.objects.filter(pk__in=[row.pk for row in rows]).delete()
        flushed += len(rows)
        if len(rows) < batch:
            break
    if flushed:
        logger.info("task queue reachable again: %s kept task(s) queued", flushed)
    return flushed


def kept_during(call: Any) -> tuple[Any, bool]:
    """Runs `call()`; says whether it kept a task in the database (Redis unreachable)."""
    token = _kept.set(False)
    try:
        return call(), _kept.get()
    finally:
        _kept.reset(token)
