"""Faults survived by the guaranteed-income cycle, on PostgreSQL and Redis, with `manage.py run_huey` as in
production: each fault is played on the same households and the same month as a run never interrupted,
and the results must be exactly equal (entitlements, payments per household, each SEPA file's count and
control sum): 0 duplicates, 0 missing.

Rerun (PostgreSQL and Redis running; it creates and drops its own database, `alliances_bench`, uses Redis
database 14, and starts a Redis server of its own on port 6391 for the Redis fault):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/cycle_faults.py --size 100000

Faults (all by default; `--faults kill-compute kill-pay …` to choose):
- kill-compute: `kill -9` of the consumer (its process group: the main process and its workers) in the
  middle of computing; a new consumer is started; the watchdog queues what was left.
- kill-pay: the same in the middle of producing the SEPA files.
- two-consumers: two consumers share the cycle; one is killed in the middle of computing, then of paying;
  the other finishes.
- postgres-restart: PostgreSQL restarted (`pg_ctlcluster … restart`) in the middle of computing, then of
  paying; the tasks that lost their connection are retried by the queue (30 s later).
- redis-down: the web pages, Redis stopped: a page that does not queue work answers; starting a
  computation keeps its task in the database and says so; Redis back, a consumer starts and the cycle
  computes to the same amounts.

The consumer's watchdog runs every minute; RMG_STALL_SECONDS is 10 here (180 in production), so a lost
task is queued again within about a minute.
"""

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rmg_cycle_db import (  # noqa: E402  (after the path is set)
    DATABASE,
    REDIS,
    _drop_database,
    _fernet_key,
    _months,
    _populate,
    _recreate_database,
)

FAULTS = ("kill-compute", "kill-pay", "two-consumers", "postgres-restart", "redis-down")
PG_CLUSTER = ("15", "main")
SPARE_REDIS_PORT = 6391


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--faults", nargs="+", choices=FAULTS, default=list(FAULTS))
    options = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark creates its own database on that server).")
    url = urlsplit(server)
    admin = urlunsplit(url._replace(path="/postgres"))
    _recreate_database(admin)
    os.environ.update(
        DATABASE_URL=urlunsplit(url._replace(path=f"/{DATABASE}")),
        REDIS_URL=REDIS,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="bench-" + hashlib.sha256(os.urandom(16)).hexdigest(),
        ALLIANCES_ENCRYPTION_KEYS=_fernet_key(),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="alliances.notifications.sms.HttpSmsBackend",
        HUEY_WORKER_TYPE="process",
        RMG_STALL_SECONDS="10",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production serves the manifest's names
    try:
        officers = _officers()
        began = time.perf_counter()
        _populate(options.size, False, 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"cycle faults — {options.size:,} households inserted in {time.perf_counter() - began:.0f} s")
        month = _months(1)[0]
        reference = _cycle(month, officers, lambda run: run.plain())
        print(f"  uninterrupted: {reference.summary()}")
        failures = 0
        for fault in options.faults:
            _forget_cycles()
            began = time.perf_counter()
            result = _cycle(month, officers, _played(fault))
            same = result == reference
            failures += not same
            print(
                f"  {fault}: {'identical' if same else 'DIFFERENT'} ({result.summary()}); "
                f"{time.perf_counter() - began:.0f} s; {'; '.join(result.events)}"
            )
        sys.exit(1 if failures else 0)
    finally:
        connections.close_all()
        _drop_database(admin)


def _played(fault: str) -> Callable[["_Run"], None]:
    def play(run: _Run) -> None:
        getattr(run, fault.replace("-", "_"))()

    return play


def _officers() -> tuple[Any, Any]:
    from alliances.accounts.enums import Role
    from alliances.accounts.models import User
    from alliances.income.services import rules_load_defaults

    rules_load_defaults()
    first = User.objects.create(username="o1", email="o1@alliances.test", role=Role.OFFICER)
    second = User.objects.create(username="o2", email="o2@alliances.test", role=Role.OFFICER)
    return first, second


def _forget_cycles() -> None:
    """The same households and month, as before any cycle: the next run starts from scratch."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE income_cycle CASCADE")


@dataclass
class Outcome:
    """What a cycle paid, to compare runs exactly. `events` (what happened on the way) is not compared."""

    entitlements: int
    entitled_total: str
    payments: int
    paid_total: str
    paid_twice: int
    missing: int
    files: list[tuple[int, int, str]]
    digest: str
    events: list[str]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outcome):
            return NotImplemented
        keys = ("entitlements", "entitled_total", "payments", "paid_total", "paid_twice", "missing", "files", "digest")
        return all(getattr(self, key) == getattr(other, key) for key in keys)

    __hash__ = None  # type: ignore[assignment]

    def summary(self) -> str:
        return (
            f"{self.entitlements:,} entitlements, {self.payments:,} payments, {self.paid_total} €, "
            f"{len(self.files)} SEPA files, {self.paid_twice} paid twice, {self.missing} missing"
        )


def _outcome(cycle_id: int, events: list[str]) -> Outcome:
    from django.db.models import Count, Sum

    from alliances.income.models import Entitlement, Payment, SepaFile

    entitlements = Entitlement.objects.filter(cycle_id=cycle_id)
    payments = Payment.objects.filter(entitlement__cycle_id=cycle_id)
    twice = (
        payments.values("entitlement__household_id").annotate(n=Count("id")).filter(n__gt=1).count()
    )  # never more than one, by construction: counted anyway
    missing = entitlements.filter(amount__gt=0, payment__isnull=True).count()
    digest = hashlib.sha256()
    for household, amount in payments.order_by("entitlement__household_id").values_list(
        "entitlement__household__reference", "amount"
    ):
        digest.update(f"{household}:{amount};".encode())
    return Outcome(
        entitlements=entitlements.count(),
        entitled_total=str(entitlements.aggregate(total=Sum("amount"))["total"]),
        payments=payments.count(),
        paid_total=str(payments.aggregate(total=Sum("amount"))["total"]),
        paid_twice=twice,
        missing=missing,
        files=[
            (s, n, str(c))
            for s, n, c in SepaFile.objects.filter(cycle_id=cycle_id).values_list("sequence", "count", "control_sum")
        ],
        digest=digest.hexdigest()[:16],
        events=events,
    )


class Consumer:
    """`manage.py run_huey` in its own process group, so `kill -9` reaches the main process and its workers."""

    def __init__(self, workers: int = 2, env: dict[str, str] | None = None) -> None:
        from alliances.rights.tasks import READY_MESSAGE

        self.log = Path(tempfile.mkstemp(suffix=".log")[1])
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [sys.executable, "manage.py", "run_huey", "--workers", str(workers), "--worker-type", "process"],
            cwd=ROOT,
            env={**os.environ, "LOG_LEVEL": "INFO", **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("a"),
            start_new_session=True,
        )
        ready = READY_MESSAGE.split("%")[0]
        began = time.perf_counter()
        while self.log.read_text().count(ready) < workers:
            if time.perf_counter() - began > 120 or self.process.poll() is not None:
                raise SystemExit(f"The consumer did not start:\n{self.tail()}")
            time.sleep(0.2)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        self.log.unlink(missing_ok=True)

    def tail(self) -> str:
        return "\n".join(self.log.read_text().splitlines()[-20:])


def _state(cycle_id: int) -> tuple[str, int, int, int, int]:
    """(status, households computed, of which, SEPA files produced, of which), read through connection errors
    (PostgreSQL may be restarting)."""
    from django.db import OperationalError, connections
    from django.db.models import Count, Q

    from alliances.income.models import Cycle, SepaFile

    while True:
        try:
            status, progress, total = Cycle.objects.values_list("status", "progress", "total_households").get(
                pk=cycle_id
            )
            files = SepaFile.objects.filter(cycle_id=cycle_id).aggregate(
                total=Count("id"), produced=Count("id", filter=~Q(xml=""))
            )
            return status, progress, total, files["produced"], files["total"]
        except OperationalError:
            connections.close_all()
            time.sleep(0.5)


def _until(cycle_id: int, done: Callable[[tuple[str, int, int, int, int]], bool], limit: float = 600) -> None:
    began = time.perf_counter()
    while not done(_state(cycle_id)):
        if time.perf_counter() - began > limit:
            raise SystemExit(f"Cycle {cycle_id} stuck at {_state(cycle_id)} after {limit:.0f} s")
        time.sleep(0.05)


def _mid_compute(state: tuple[str, int, int, int, int]) -> bool:
    status, progress, total, _, _ = state
    return status != "draft" or (total > 0 and progress >= total * 0.3)


def _mid_pay(state: tuple[str, int, int, int, int]) -> bool:
    status, _, _, produced, files = state
    return status != "approved" or (files > 0 and produced >= 1)


def _computed(state: tuple[str, int, int, int, int]) -> bool:
    return state[0] == "computed"


def _paid(state: tuple[str, int, int, int, int]) -> bool:
    return state[0] == "paid"


class _Run:
    """One cycle of `month`, its steps started as the officers' pages start them, with a fault or none."""

    def __init__(self, cycle: Any, officers: tuple[Any, Any]) -> None:
        self.cycle, (self.first, self.second) = cycle, officers
        self.events: list[str] = []

    def _compute(self) -> None:
        from alliances.income.transitions import cycle_compute_start

        cycle_compute_start(actor=self.first, cycle=self.cycle)

    def _approve(self) -> None:
        from django.utils import timezone

        from alliances.income.models import Cycle
        from alliances.income.services import above_ceiling, cycle_approve

        cycle = Cycle.objects.get(pk=self.cycle.pk)
        above_ceiling(cycle).update(reviewed_by=self.second, reviewed_at=timezone.now())
        cycle_approve(actor=self.second, cycle=cycle)

    def _pay(self) -> None:
        from alliances.income.models import Cycle
        from alliances.income.transitions import cycle_pay_start

        cycle_pay_start(actor=self.first, cycle=Cycle.objects.get(pk=self.cycle.pk))

    def _note(self, what: str) -> None:
        _status, progress, total, produced, files = _state(self.cycle.pk)
        self.events.append(f"{what} at {progress:,}/{total:,} computed, {produced}/{files} files")

    def plain(self) -> None:
        consumer = Consumer()
        try:
            self._compute()
            _until(self.cycle.pk, _computed)
            self._approve()
            self._pay()
            _until(self.cycle.pk, _paid)
        finally:
            consumer.stop()

    def _killed_in(self, step: Callable[[], None], middle: Callable[..., bool], done: Callable[..., bool]) -> None:
        consumer = Consumer()
        step()
        _until(self.cycle.pk, middle)
        consumer.kill()
        self._note("killed")
        began = time.perf_counter()
        consumer = Consumer()
        try:
            _until(self.cycle.pk, done)
        finally:
            consumer.stop()
        self.events.append(f"finished {time.perf_counter() - began:.0f} s after a new consumer started")

    def kill_compute(self) -> None:
        self._killed_in(self._compute, _mid_compute, _computed)
        self._approve()
        consumer = Consumer()
        try:
            self._pay()
            _until(self.cycle.pk, _paid)
        finally:
            consumer.stop()

    def kill_pay(self) -> None:
        consumer = Consumer()
        try:
            self._compute()
            _until(self.cycle.pk, _computed)
        finally:
            consumer.stop()
        self._approve()
        self._killed_in(self._pay, _mid_pay, _paid)

    def two_consumers(self) -> None:
        one, other = Consumer(workers=1), Consumer(workers=1)
        try:
            self._compute()
            _until(self.cycle.pk, _mid_compute)
            one.kill()
            self._note("one of two killed")
            _until(self.cycle.pk, _computed)
            self._approve()
            one = Consumer(workers=1)
            self._pay()
            _until(self.cycle.pk, _mid_pay)
            other.kill()
            self._note("the other killed")
            _until(self.cycle.pk, _paid)
        finally:
            one.stop()
            other.stop()

    def postgres_restart(self) -> None:
        consumer = Consumer()
        try:
            self._compute()
            _until(self.cycle.pk, _mid_compute)
            _restart_postgres()
            self._note("PostgreSQL restarted")
            _until(self.cycle.pk, _computed)
            self._approve()
            self._pay()
            _until(self.cycle.pk, _mid_pay)
            _restart_postgres()
            self._note("PostgreSQL restarted")
            _until(self.cycle.pk, _paid)
        finally:
            consumer.stop()

    def redis_down(self) -> None:
        spare = _SpareRedis()
        try:
            self.events.append(_pages_with_redis_down(self, spare))
            spare.start()
            consumer = Consumer(env={"REDIS_URL": spare.url})
            try:
                _until(self.cycle.pk, _computed)
                self.events.append("Redis back: the kept task ran")
                self._approve()
                self._pay_through(spare)
                _until(self.cycle.pk, _paid)
            finally:
                consumer.stop()
        finally:
            spare.stop()

    def _pay_through(self, spare: "_SpareRedis") -> None:
        with _QueueOn(spare.url):
            self._pay()


def _restart_postgres() -> None:
    subprocess.run(["pg_ctlcluster", *PG_CLUSTER, "restart", "-m", "fast"], check=True)  # noqa: S603, S607


class _SpareRedis:
    """A Redis server of our own, to stop and start without touching the machine's."""

    def __init__(self) -> None:
        self.url = f"redis://127.0.0.1:{SPARE_REDIS_PORT}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            ["redis-server", "--port", str(SPARE_REDIS_PORT), "--save", "", "--appendonly", "no"],  # noqa: S607
            stdout=subprocess.DEVNULL,
        )
        import redis

        for _ in range(100):
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        raise SystemExit("The spare Redis server did not start.")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


class _QueueOn:
    """The queue of this process pointed at another Redis (djhuey's HUEY is built once, at import)."""

    def __init__(self, url: str) -> None:
        from huey.contrib.djhuey import HUEY

        self.huey, self.url = HUEY, url

    def __enter__(self) -> None:
        from huey.storage import RedisStorage

        self.saved = self.huey.storage
        self.huey.storage = RedisStorage(name=self.huey.name, url=self.url)

    def __exit__(self, *exc: object) -> None:
        self.huey.storage = self.saved


def _officer_client(officer: Any) -> Any:
    """A browser session of the officer, logged in with her second factor (production requires it)."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    client = Client()
    client.force_login(officer)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _pages_with_redis_down(run: _Run, spare: _SpareRedis) -> str:
    """Redis stopped (nothing listens on its port; the queue and the shared cache point at it): the cycle
    pages answer; starting the computation keeps its task in the database and says so; the password reset,
    which needs the shared cache, answers in French that nothing was done."""
    from django.test import override_settings

    from alliances.core.models import DeferredTask

    client = _officer_client(run.first)
    cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": spare.url}}
    with _QueueOn(spare.url), override_settings(CACHES=cache):
        cycles = client.get("/revenu-garanti/cycles/", secure=True)
        page = client.get(f"/revenu-garanti/cycles/{run.cycle.pk}/", secure=True)
        started = client.post(f"/revenu-garanti/cycles/{run.cycle.pk}/calculer/", follow=True, secure=True)
        reset = client.post("/compte/mot-de-passe/", {"email": "o1@alliances.test"}, secure=True)
    said = "sera traitée dès son retour" in started.content.decode()
    kept = DeferredTask.objects.count()
    answers = (cycles.status_code, page.status_code, started.status_code, said, kept, reset.status_code)
    if answers != (200, 200, 200, True, 1, 503):
        raise SystemExit(f"Redis down: (cycles, cycle, start, said, kept, reset) = {answers}")
    return "Redis down: cycle pages 200, the start kept 1 task and said so, the password reset 503 in French"


def _cycle(month: date, officers: tuple[Any, Any], play: Callable[[_Run], None]) -> Outcome:
    from alliances.income.services import cycle_open

    cycle = cycle_open(actor=officers[0], month=month)
    run = _Run(cycle, officers)
    play(run)
    return _outcome(cycle.pk, run.events)


if __name__ == "__main__":
    main()
