"""A throw-away database for a benchmark: SQLite in a temporary folder, or, when DATABASE_URL names a
PostgreSQL server, a database of the given name created before and dropped after."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


def _execute(admin_url: str, name: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement.format(name))


@contextmanager
def throwaway_database(name: str) -> Iterator[None]:
    """Sets Django up (settings.dev, DEBUG off) on a fresh database, migrated; drops it afterwards."""
    folder = tempfile.mkdtemp(prefix="alliances-bench-")
    server = os.environ.get("DATABASE_URL", "")
    admin_url = ""
    if server.startswith("postgres"):
        url = urlsplit(server)
        admin_url = urlunsplit(url._replace(path="/postgres"))
        _execute(admin_url, name, "DROP DATABASE IF EXISTS {0}", "CREATE DATABASE {0}")
        os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))
    os.environ.update(ALLIANCES_VAR_DIR=folder, DJANGO_SETTINGS_MODULE="config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    try:
        yield
    finally:
        if admin_url:
            from django.db import connections

            connections.close_all()
            _execute(admin_url, name, "DROP DATABASE IF EXISTS {0}")
