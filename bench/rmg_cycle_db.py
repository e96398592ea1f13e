"""Benchmark of the guaranteed-income cycle through PostgreSQL and the task queue, as in production.

Rerun (PostgreSQL and Redis running; it creates and drops its own database, `alliances_bench`, and
uses Redis database 14):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/rmg_cycle_db.py --size 100000

The synthetic households are inserted first (not timed), with their incomes. Then `--cycles` monthly
cycles (two by default: 11/2026 and 12/2026) run as the officers' pages start them: "compute" and "pay"
are queued and done by `manage.py run_huey` (production settings, Redis, `--consumers` worker processes,
one task per chunk of households and per SEPA file); "approve" runs in this process. The first month is
a first cycle. Before each next one, one in a hundred households with an income declares a higher one
for the month before, so that cycle also checks every paid month for corrections; with `--cycles 13`
the last one re-checks twelve paid months (a running scheme's steady state). Timing starts once every
worker is ready (OpenFisca's system built and warmed up, as in a consumer that has been running).
BENCH_QUEUE_LOG=FILE keeps the consumer's log.

--inline runs every step in this process instead (no queue); with PROFILE=compute|approve|pay it prints
where that step of the first cycle (PROFILE_CYCLE=2: the second) spends its time (cProfile).
"""

import argparse
import os
import resource
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alliances.core.months import add_months  # noqa: E402  (after the path is set)
from alliances.households.input_format import france_today  # noqa: E402

# The last month whose resources are known (a cycle opens once its month is over).
LAST_MONTH = add_months(france_today().replace(day=1), -1)


def _months(count: int, last: date = LAST_MONTH) -> list[date]:
    """The `count` months ending with `last`."""
    index = last.year * 12 + last.month - 1
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(count - 1, -1, -1)]


DATABASE = "alliances_bench"
REDIS = "redis://127.0.0.1:6379/14"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--consumers", type=int, default=2, help="huey worker processes (default 2)")
    parser.add_argument("--inline", action="store_true", help="run every step in this process, without the queue")
    parser.add_argument(
        "--cycles",
        type=int,
        choices=range(1, 14),
        default=2,
        metavar="1-13",
        help="monthly cycles run one after the other, up to 12/2026 (default 2; 13: the last one re-checks "
        "12 paid months for corrections, a running scheme's steady state)",
    )
    parser.add_argument(
        "--entitled", action="store_true", help="count the benefits due (rights engine) instead of those received"
    )
    options = parser.parse_args()

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark creates its own database on that server).")
    url = urlsplit(server)
    bench_url = urlunsplit(url._replace(path=f"/{DATABASE}"))
    _recreate_database(urlunsplit(url._replace(path="/postgres")))
    os.environ.update(
        DATABASE_URL=bench_url,
        REDIS_URL=REDIS,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        # Production refuses to start without encryption keys and with the console email or SMS backend
        # (nothing is sent by the benchmark).
        ALLIANCES_ENCRYPTION_KEYS=_fernet_key(),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="alliances.notifications.sms.HttpSmsBackend",
        HUEY_WORKERS=str(options.consumers),
        HUEY_WORKER_TYPE="process",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        run(options.size, options.consumers, options.inline, options.entitled, options.cycles)
    finally:
        from django.db import connections

        connections.close_all()
        _drop_database(urlunsplit(url._replace(path="/postgres")))


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _recreate_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def _drop_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def _populate(size: int, entitled: bool, cycles: int) -> None:
    """Households with their members, housing, enrolment and incomes: the cycles' months, and (for the
    rights engine, which reads the twelve months up to each) the eleven months before the first."""
    from alliances.households.models import Household, Housing, Member, MonthlyIncome
    from alliances.income.models import Enrollment
    from bench.synthetic import synthetic_households

    cycle_months = _months(cycles)
    months = _months(cycles + 11) if entitled else cycle_months
    for start in range(0, size, 5000):
        population = synthetic_households(min(5000, size - start), "2026-11", start=start)
        households = Household.objects.bulk_create([Household(reference=h.id) for h in population])
        members, housings, enrollments, incomes = [], [], [], []
        for household, data in zip(households, population, strict=True):
            housings.append(
                Housing(
                    household=household, status=data.housing_status, rent=Decimal(str(data.rent)), commune_code="35238"
                )
            )
            enrollments.append(
                Enrollment(
                    household=household,
                    enrolled=True,
                    since=date(2025, 1, 1),
                    iban="FR7630006000011234567890189",
                    account_holder=data.id,
                )
            )
            for member in data.members:
                members.append(
                    (
                        Member(
                            household=household,
                            role=member.role,
                            first_name="X",
                            last_name=data.id,
                            birth_date=member.birth_date,
                        ),
                        member,
                    )
                )
        Member.objects.bulk_create([m for m, _ in members])
        for stored, declared in members:
            for by_month in declared.incomes.values():
                amount = by_month.get("2026-11")
                for month in months if amount else ():
                    incomes.append(
                        MonthlyIncome(member=stored, income_type="salary_net", month=month, amount=Decimal(str(amount)))
                    )
        applicants = {m.household_id: m for m, d in members if d.role == "applicant"}
        for household, data in zip(households, population, strict=True):
            rsa = data.received.get("rsa")
            applicant = applicants[household.pk]
            for month in cycle_months if rsa else ():  # benefits received, as declared
                received = Decimal(str(rsa))
                incomes.append(MonthlyIncome(member=applicant, income_type="rsa", month=month, amount=received))
        Housing.objects.bulk_create(housings)
        Enrollment.objects.bulk_create(enrollments)
        MonthlyIncome.objects.bulk_create(incomes)


def _change_one_percent(month: date) -> int:
    """A later declaration: one in a hundred households with an income earned 300 € more in `month`."""
    from django.db.models import F

    from alliances.households.models import MonthlyIncome

    ids = list(
        MonthlyIncome.objects.filter(month=month, member__role="applicant")
        .order_by("member__household_id", "pk")  # the same incomes in every run
        .values_list("pk", flat=True)[::100]
    )
    return MonthlyIncome.objects.filter(pk__in=ids).update(amount=F("amount") + 300)


class Consumer:
    """`manage.py run_huey` in production settings: what the cycle page's buttons queue work for."""

    def __init__(self, workers: int) -> None:
        import tempfile

        from huey.contrib.djhuey import HUEY

        from alliances.rights.tasks import READY_MESSAGE

        HUEY.flush()
        self.log = Path(os.environ.get("BENCH_QUEUE_LOG") or tempfile.mkstemp(suffix=".log")[1])
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [sys.executable, "manage.py", "run_huey", "--workers", str(workers), "--worker-type", "process"],
            cwd=ROOT,
            env={**os.environ, "LOG_LEVEL": "INFO"},
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("a"),
        )
        # Started and waiting, as in production: every worker has built OpenFisca's system.
        ready = READY_MESSAGE.split("%")[0]
        began = time.perf_counter()
        while self.log.read_text().count(ready) < workers:
            if time.perf_counter() - began > 120 or self.process.poll() is not None:
                raise SystemExit(f"The consumer did not start:\n{self.stop()}")
            time.sleep(0.2)
        self.started_in = time.perf_counter() - began

    def pids(self) -> list[int]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [pid, *map(int, children.read_text().split())] if children.exists() else []

    def peak_mb(self) -> float:
        """Sum of the consumer's and its workers' peak resident memory (VmHWM)."""
        total = 0
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        return total / 1024

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=60)
        tail = "\n".join(self.log.read_text().splitlines()[-20:])
        if not os.environ.get("BENCH_QUEUE_LOG"):
            self.log.unlink()
        return tail


def _wait_for(cycle_id: int, status: str, consumer: "Consumer", limit: float = 900) -> None:
    from alliances.income.models import Cycle

    began = time.perf_counter()
    while Cycle.objects.filter(pk=cycle_id).values_list("status", flat=True).get() != status:
        if time.perf_counter() - began > limit or consumer.process.poll() is not None:
            raise SystemExit(f"The queue did not finish ({status}) in {limit:.0f} s:\n{consumer.stop()}")
        time.sleep(0.1)


class _Steps:
    """A cycle's steps, in this process (no consumer) or through the queue (waiting for its consumer)."""

    def __init__(self, first: Any, second: Any, consumer: "Consumer | None") -> None:
        self.first, self.second, self.consumer = first, second, consumer

    def compute(self, cycle: Any) -> None:
        from alliances.income.services import cycle_compute
        from alliances.income.tasks import cycle_compute_task

        if self.consumer is None:
            cycle_compute(actor=self.first, cycle=cycle)
        else:
            cycle_compute_task(cycle.pk, self.first.pk)
            _wait_for(cycle.pk, "computed", self.consumer)

    def approve(self, cycle: Any) -> None:
        from django.utils import timezone

        from alliances.income.services import above_ceiling, cycle_approve

        # Amounts above the ceiling are reviewed one by one by a person; here they are marked at once.
        above_ceiling(cycle).update(reviewed_by=self.second, reviewed_at=timezone.now())
        cycle_approve(actor=self.second, cycle=cycle)

    def pay(self, cycle: Any) -> None:
        from alliances.income.services import cycle_pay
        from alliances.income.tasks import cycle_pay_task

        if self.consumer is None:
            cycle_pay(actor=self.first, cycle=cycle)
        else:
            cycle_pay_task(cycle.pk, self.first.pk)
            _wait_for(cycle.pk, "paid", self.consumer)


def _profiled(index: int, name: str) -> bool:
    """PROFILE=compute|approve|pay (and PROFILE_CYCLE=n, the first by default) profiles that step."""
    return index == int(os.environ.get("PROFILE_CYCLE", "1")) - 1 and os.environ.get("PROFILE") == name


def _timed(step: Callable[[Any], None], cycle: Any, profiled: bool) -> float:
    began = time.perf_counter()
    if profiled:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(step, cycle)
        pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
            os.environ.get("PROFILE_FILTER", ""), 30
        )
    else:
        step(cycle)
    return time.perf_counter() - began


def _report(month: date, timings: dict[str, float], cycle: Any) -> None:
    from alliances.income.models import Correction, Entitlement, Payment, SepaFile

    total = sum(timings.values())
    print(
        f"  {month:%m/%Y}: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        + f" → whole cycle {total:.1f} s; {Entitlement.objects.filter(cycle=cycle).count():,} entitlements, "
        f"{Correction.objects.filter(cycle=cycle).count():,} corrections, "
        f"{Payment.objects.filter(entitlement__cycle=cycle).count():,} payments, "
        f"{SepaFile.objects.filter(cycle=cycle).count()} SEPA files"
    )


def run(size: int, consumers: int, inline: bool, entitled: bool, cycles: int) -> None:
    from django.db import connection

    from alliances.accounts.enums import Role
    from alliances.accounts.models import User
    from alliances.income.models import SchemeRule
    from alliances.income.services import (
        cycle_open,
        rules_load_defaults,
    )

    rules_load_defaults()
    if entitled:
        SchemeRule.objects.create(
            name="resources_mode", valid_from=_months(cycles)[0], value="entitled", source="Benchmark: benefits due"
        )
    first = User.objects.create(username="o1", email="o1@alliances.test", role=Role.OFFICER)
    second = User.objects.create(username="o2", email="o2@alliances.test", role=Role.OFFICER)
    started = time.perf_counter()
    _populate(size, entitled, cycles)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    where = "this process" if inline else f"run_huey, {consumers} worker processes"
    where += ", resources = benefits due (rights engine)" if entitled else ", resources as declared"
    print(
        f"guaranteed-income cycle through PostgreSQL ({where}) — {size:,} households inserted in "
        f"{time.perf_counter() - started:.0f} s (not timed below)"
    )
    consumer = None
    if inline:
        from alliances.rights.tasks import build_tax_benefit_system

        build_tax_benefit_system()  # as a running worker has
    else:
        consumer = Consumer(consumers)
        print(f"  consumer ready in {consumer.started_in:.1f} s (not timed)")

    steps = _Steps(first, second, consumer)

    try:
        months = _months(cycles)
        for index, month in enumerate(months):
            if index:
                changed = _change_one_percent(months[index - 1])
                print(f"  then {changed:,} households declare a higher income for {months[index - 1]:%m/%Y}")
            cycle = cycle_open(actor=first, month=month)
            timings = {}
            for name, step in (("compute", steps.compute), ("approve", steps.approve), ("pay", steps.pay)):
                timings[name] = _timed(step, cycle, profiled=inline and _profiled(index, name))
            _report(month, timings, cycle)
    finally:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if consumer is None:
            print(f"  peak memory {own:.0f} MB (this process)")
        else:
            queue = consumer.peak_mb()
            consumer.stop()
            print(f"  peak memory {own + queue:.0f} MB ({own:.0f} MB here + {queue:.0f} MB the consumer and workers)")


if __name__ == "__main__":
    main()
