"""Load at city scale: gunicorn (4 workers, production settings) on PostgreSQL, with Redis and a consumer,
played by locust (bench/load/locustfile.py) on the loopback, for a bounded time.

Rerun (PostgreSQL and Redis running; the database `alliances_load` is created, kept for the next run with
--reuse, and dropped with --drop):
    make load-env    # once: locust in its own environment, .venv-load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/load_city.py --minutes 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/load_city.py --reuse --minutes 30 --soak

It prints, for each page, the requests, errors, median and p95, and the p95 against the bare view's
(`/sante/vivant/`, same server, same run): the goal is ≤ 3 for the five key pages. Every 15 s it reads each
gunicorn worker's resident memory; --soak turns off gunicorn's worker recycling (max_requests) so that a
leak would show, and prints each worker's memory at the start and at the end.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "alliances_load"
REDIS = "redis://127.0.0.1:6379/13"
PORT = 8123
KEY_PAGES = ("caseload", "file: home", "agenda", "space: home", "cycle")
LOCUST = ROOT / ".venv-load" / "bin" / "locust"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the city of a previous run if there is one")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--soak", action="store_true", help="no worker recycling: memory per worker must stay flat")
    options = parser.parse_args()
    if not LOCUST.exists():
        sys.exit("locust is not installed: run `make load-env` first.")
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark creates its own database on that server).")
    url = urlsplit(server)
    admin = urlunsplit(url._replace(path="/postgres"))
    fresh = _database(admin, reuse=options.reuse)
    env = {
        "DATABASE_URL": urlunsplit(url._replace(path=f"/{DATABASE}")),
        "REDIS_URL": REDIS,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": _kept_secret("secret", lambda: secrets.token_urlsafe(40)),
        "ALLIANCES_ENCRYPTION_KEYS": _kept_secret("fernet", _fernet_key),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "SMS_BACKEND": "alliances.notifications.sms.HttpSmsBackend",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback
        "HUEY_WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production serves the manifest's names
    if fresh:
        began = time.perf_counter()
        call_command("demo_seed", persons=options.persons, years=options.years)
        print(f"city generated on PostgreSQL in {time.perf_counter() - began:.0f} s")
    accounts = Path(tempfile.mkstemp(suffix=".json")[1])
    accounts.write_text(json.dumps(_accounts(options.users)), encoding="utf-8")
    _sizes()
    consumer = _start([sys.executable, "manage.py", "run_huey", "--workers", "1"], {})
    web = _start(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.conf.py"],
        {"PORT": str(PORT), "WEB_CONCURRENCY": "4", "GUNICORN_MAX_REQUESTS": "0" if options.soak else "2000"},
    )
    try:
        _wait_alive()
        _run_locust(options, accounts, web)
    finally:
        for process in (web, consumer):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        accounts.unlink(missing_ok=True)
        if options.drop:
            from django.db import connections

            connections.close_all()
            _drop(admin)


def _kept_secret(name: str, make: Any) -> str:
    """The keys the city was written with, kept beside it (encrypted fields must be read back)."""
    path = Path(tempfile.gettempdir()) / f"alliances_load.{name}"
    if not path.exists():
        path.write_text(make(), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _database(admin_url: str, *, reuse: bool) -> bool:
    """Creates the database unless reused; True when the city has to be generated."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and reuse:
            return False
        if exists:
            connection.execute(f"DROP DATABASE {DATABASE}")
        for name in ("secret", "fernet"):
            (Path(tempfile.gettempdir()) / f"alliances_load.{name}").unlink(missing_ok=True)
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return True


def _drop(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def _accounts(users: int) -> dict[str, list[dict[str, Any]]]:
    """One account per simulated user: staff with a TOTP device whose key locust knows, and an API token."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from alliances.accounts.enums import Role
    from alliances.accounts.models import User
    from alliances.accounts.services import api_token_create
    from alliances.demo.accounts import DEMO_PASSWORD

    def staff(role: str, count: int) -> list[dict[str, Any]]:
        chosen = []
        for user in User.objects.filter(role=role).order_by("pk")[:count]:
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="charge", confirmed=True)
            chosen.append({"login": user.email, "password": DEMO_PASSWORD, "totp": device.key})
        return chosen

    persons = User.objects.filter(role=Role.PERSON, person__isnull=False).order_by("pk")[:users]
    api_user = User.objects.filter(role=Role.REFERENT).order_by("-pk").first()
    assert api_user is not None
    _, token = api_token_create(user=api_user, name="charge")
    return {
        "referent": staff(Role.REFERENT, users),
        "officer": staff(Role.OFFICER, users),
        "person": [{"login": user.email, "password": DEMO_PASSWORD} for user in persons],
        "api": [{"token": token}],
    }


def _sizes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE n_live_tup > 100000 ORDER BY n_live_tup DESC"
        )
        rows = cursor.fetchall()
    print("tables over 100,000 rows: " + ", ".join(f"{name} {count:,}" for name, count in rows))


def _start(command: list[str], extra: dict[str, str]) -> "subprocess.Popen[bytes]":
    log = Path(tempfile.gettempdir()) / f"alliances_load.{Path(command[0]).name}.log"
    return subprocess.Popen(  # noqa: S603 - fixed command lines
        command,
        cwd=ROOT,
        env={**os.environ, **extra},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_alive(limit: float = 120) -> None:
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/sante/vivant/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer.")


def _workers(web: "subprocess.Popen[bytes]") -> dict[int, float]:
    """Each gunicorn worker's resident memory (MB)."""
    children = Path(f"/proc/{web.pid}/task/{web.pid}/children")
    memory = {}
    for pid in map(int, children.read_text().split()) if children.exists() else []:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                memory[pid] = int(line.split()[1]) / 1024
    return memory


def _run_locust(options: argparse.Namespace, accounts: Path, web: "subprocess.Popen[bytes]") -> None:
    out = Path(tempfile.mkdtemp(prefix="alliances_load_"))
    seconds = int(options.minutes * 60)
    locust = subprocess.Popen(  # noqa: S603 - a fixed command line
        [
            str(LOCUST),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "-u",
            str(options.users),
            "-r",
            "4",
            "-t",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(out / "load"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "LOAD_ACCOUNTS": str(accounts)},
        stdout=subprocess.DEVNULL,
        stderr=(out / "locust.log").open("w"),
    )
    samples: list[dict[int, float]] = []
    while locust.poll() is None:
        samples.append(_workers(web))
        time.sleep(15)
    _report(out / "load_stats.csv", out / "load_failures.csv", samples, options)


def _report(stats: Path, failures: Path, samples: list[dict[int, float]], options: argparse.Namespace) -> None:
    rows = [row for row in csv.DictReader(stats.open()) if row["Name"] != "Aggregated"]
    bare = next(float(row["95%"]) for row in rows if row["Name"] == "bare view")
    total = sum(int(row["Request Count"]) for row in rows)
    errors = sum(int(row["Failure Count"]) for row in rows)
    print(
        f"{options.users} users for {options.minutes:g} min: {total:,} requests, {errors} errors; "
        f"bare view p95 {bare:.0f} ms"
    )
    print(f"{'page':<24} {'requests':>8} {'errors':>6} {'median':>7} {'p95':>6} {'p95/bare':>8}")
    for row in sorted(rows, key=lambda r: (r["Name"] not in KEY_PAGES, r["Name"])):
        p95 = float(row["95%"])
        mark = " *" if row["Name"] in KEY_PAGES else ""
        print(
            f"{row['Name']:<24} {int(row['Request Count']):>8,} {int(row['Failure Count']):>6} "
            f"{float(row['50%']):>5.0f}ms {p95:>4.0f}ms {p95 / bare:>8.1f}{mark}"
        )
    print("(* the five key pages: goal p95 ≤ 3 × the bare view's)")
    for row in csv.DictReader(failures.open()) if errors else []:
        print(f"  error: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}×)")
    if samples:
        first, last = samples[0], samples[-1]
        peak = {pid: max(s.get(pid, 0) for s in samples) for pid in last}
        print(
            "memory per worker (MB), start → end (peak): "
            + ", ".join(f"{first.get(pid, 0):.0f} → {last[pid]:.0f} ({peak[pid]:.0f})" for pid in sorted(last))
        )


if __name__ == "__main__":
    main()
