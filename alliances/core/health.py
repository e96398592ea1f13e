"""Is the platform able to serve and to work? The database answers, the queue's storage (Redis in
production) answers, and a consumer has run the heartbeat task lately (the queue's age).

Read by the health endpoint (www/health.py), by Docker's HEALTHCHECK and by a load balancer: nothing
personal, only each part's state and timings."""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection
from huey.contrib.djhuey import HUEY

#: The consumer runs the heartbeat every minute; older than this, the queue is said to be late.
HEARTBEAT_KEY = "alliances:heartbeat"
HEARTBEAT_LATE_SECONDS = 300


@dataclass(frozen=True)
class Check:
    ok: bool
    ms: float
    detail: str = ""


@dataclass(frozen=True)
class Health:
    checks: dict[str, Check] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks.values())

    def as_json(self) -> dict[str, object]:
        return {"status": "ok" if self.ok else "degraded", "checks": {k: asdict(v) for k, v in self.checks.items()}}


def _timed(probe: Callable[[], tuple[bool, str]]) -> Check:
    started = time.perf_counter()
    try:
        ok, detail = probe()
    except Exception as error:  # a health check reports every failure, whatever its kind
        return Check(ok=False, ms=_ms(started), detail=type(error).__name__)
    return Check(ok=ok, ms=_ms(started), detail=detail)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _database() -> tuple[bool, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


def _queue_storage() -> tuple[bool, str]:
    from .models import DeferredTask

    pending = HUEY.pending_count()
    kept = DeferredTask.objects.count()  # queued while Redis was unreachable, not yet handed over
    return True, f"{type(HUEY.storage).__name__}, {pending} en attente, {kept} gardée(s) en base"


def heartbeat_beat(now: float | None = None) -> None:
    """Written by the consumer (core/tasks.py): the queue's work is being done."""
    HUEY.put(HEARTBEAT_KEY, now if now is not None else time.time())


def _queue_age() -> tuple[bool, str]:
    beat = HUEY.get(HEARTBEAT_KEY, peek=True)
    if beat is None:
        return False, "aucun passage du consommateur"
    age = time.time() - float(beat)
    return age <= HEARTBEAT_LATE_SECONDS, f"dernier passage il y a {int(age)} s"


def health_check() -> Health:
    return Health(checks={"database": _timed(_database), "queue": _timed(_queue_storage), "worker": _timed(_queue_age)})
