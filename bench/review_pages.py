"""Benchmark of the second officer's review pages (issue 15, item 7) on a cycle of 100,000 households.

Rerun (PostgreSQL running; it creates and drops its own database, `alliances_bench_review`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/review_pages.py [--size 100000]

It inserts the synthetic households (bench/synthetic.py, as bench/rmg_cycle_db.py does), computes two
monthly cycles in this process (the second after one household in a hundred declared 300 € more, so the
change from last month has groups), then requests each review page `--requests` times (after 3 warm-up
requests) through Django's test client as a second officer, DEBUG off, and prints the median, p95 and
maximum server time and the SQL queries per request. Nothing before the page requests is timed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rmg_cycle_db import _change_one_percent, _months, _populate  # noqa: E402

DATABASE = "alliances_bench_review"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--requests", type=int, default=20)
    options = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark creates its own database on that server).")
    url = urlsplit(server)
    admin_url = urlunsplit(url._replace(path="/postgres"))
    _database(admin_url, f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}")
    os.environ.update(
        DATABASE_URL=urlunsplit(url._replace(path=f"/{DATABASE}")), DJANGO_SETTINGS_MODULE="config.settings.dev"
    )
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    try:
        run(options.size, options.requests)
    finally:
        from django.db import connections

        connections.close_all()
        _database(admin_url, f"DROP DATABASE IF EXISTS {DATABASE}")


def _database(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def run(size: int, requests: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alliances.accounts.enums import Role
    from alliances.accounts.models import User
    from alliances.income.models import Entitlement
    from alliances.income.services import cycle_compute, cycle_open

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    _populate(size, False, 2)
    first = User.objects.create(username="o1", email="o1@alliances.test", role=Role.OFFICER)
    second = User.objects.create(username="o2", email="o2@alliances.test", role=Role.OFFICER)
    previous, month = _months(2)
    cycle_compute(actor=first, cycle=cycle_open(actor=first, month=previous))
    _change_one_percent(month)
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=month))
    count = Entitlement.objects.filter(cycle=cycle).count()
    print(
        f"review pages (PostgreSQL, DEBUG off) — {count:,} entitlements in the cycle; households inserted and "
        f"two cycles computed in {time.perf_counter() - began:.0f} s (not timed)"
    )
    sample = (
        Entitlement.objects.filter(cycle=cycle).order_by("pk").values_list("pk", "household__reference")[count // 2]
    )
    base = f"/revenu-garanti/cycles/{cycle.pk}/"
    last_page = (count + 49) // 50
    pages = [
        ("cycle page (summary by group)", base),
        ("entitlements, page 1", f"{base}droits/"),
        (f"entitlements, last page ({last_page})", f"{base}droits/?page={last_page}"),
        ("entitlements, group: down", f"{base}droits/?groupe=baisse"),
        ("entitlements, nothing declared", f"{base}droits/?filtre=non-declare"),
        ("entitlements, the sample", f"{base}droits/?filtre=echantillon"),
        ("entitlements, one reference", f"{base}droits/?foyer={sample[1]}"),
        ("one entitlement (breakdown)", f"{base}droits/{sample[0]}/"),
    ]
    client = Client()
    client.force_login(second)
    for label, path in pages:
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        times.sort()
        p95 = times[max(0, int(0.95 * len(times)) - 1)]
        print(
            f"  {label:38} median {statistics.median(times):6.0f} ms, p95 {p95:6.0f} ms, max {times[-1]:6.0f} ms, "
            f"{len(queries)} SQL queries"
        )


if __name__ == "__main__":
    main()
