"""Benchmark of the pages that show rights estimates: the file's "Droits" tab and the person's "Mes
droits", warm, once their estimates are stored (they are never computed in a request: issue 15, item 5).

Rerun (a throw-away SQLite demo database in a temporary folder; or PostgreSQL with DATABASE_URL set, on
a database it creates and drops, `alliances_bench_pages`):
    .venv/bin/python bench/rights_pages.py [--requests 300]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/rights_pages.py

It loads the demo CCAS (`demo_seed`), computes every household's estimate through the queue's own
function (not timed), then requests each page `--requests` times through Django's test client, after
20 warm-up requests, as the demo's referent and as the demo's person. DEBUG is off. It prints the
median, p95 and maximum server time per page (the client's round trip, rendering included; no network)
and the number of SQL queries per request.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "alliances_bench_pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="alliances-bench-")
    server = os.environ.get("DATABASE_URL", "")
    admin_url = ""
    if server.startswith("postgres"):
        url = urlsplit(server)
        admin_url = urlunsplit(url._replace(path="/postgres"))
        _database(admin_url, "DROP DATABASE IF EXISTS {0}", f"CREATE DATABASE {DATABASE}")
        os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{DATABASE}"))
    os.environ.update(ALLIANCES_VAR_DIR=folder, DJANGO_SETTINGS_MODULE="config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    try:
        run(options.requests)
    finally:
        if admin_url:
            from django.db import connections

            connections.close_all()
            _database(admin_url, "DROP DATABASE IF EXISTS {0}")


def _database(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement.format(DATABASE))


def run(requests: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from alliances.accounts.models import User
    from alliances.households.models import Household
    from alliances.households.selectors import household_id_of_person
    from alliances.rights.models import EstimateRequest
    from alliances.rights.services import rights_estimate_request_execute

    call_command("migrate", verbosity=0)
    call_command("demo_seed", stdout=io.StringIO())
    referent = User.objects.get(email="referente@alliances.test")
    person_user = User.objects.get(email="personne@alliances.test")
    person = person_user.person
    month = timezone.localdate().replace(day=1)
    began = time.perf_counter()
    for household in Household.objects.all():
        request = EstimateRequest.objects.create(
            household=household, month=month, inputs_version=household.inputs_version, requested_by=referent
        )
        rights_estimate_request_execute(request_id=request.pk)  # what the queue runs (not timed)
    print(
        f"rights pages, warm ({connection.vendor}, DEBUG off) — {Household.objects.count()} demo households' "
        f"estimates computed first in {time.perf_counter() - began:.1f} s (not timed)"
    )
    assert household_id_of_person(person=person) is not None
    pages = [
        ("Droits tab (referent)", referent, f"/personnes/{person.pk}/droits/"),
        ("Mes droits (person)", person_user, "/mon-espace/droits/"),
    ]
    for label, user, path in pages:
        client = Client()
        client.force_login(user)
        for _ in range(20):
            assert client.get(path).status_code == 200
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200 and "Calcul des estimations" not in response.content.decode()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(
            f"  {label:24} {requests} requests: median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
            f"max {times[-1]:.0f} ms, {len(queries)} SQL queries per request"
        )
    print("  goal: p95 < 300 ms")


if __name__ == "__main__":
    main()
