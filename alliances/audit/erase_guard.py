"""The switch that lets `flush` (and only it) erase the audit trail, on SQLite and PostgreSQL."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

_ALLOWED: dict[int, bool] = {}


def _register(raw: sqlite3.Connection) -> None:
    key = id(raw)
    raw.create_function("alliances_audit_erase_allowed", 0, lambda: int(_ALLOWED.get(key, False)))


@receiver(connection_created)
def _on_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        _register(connection.connection)


@contextmanager
def audit_erase_allowed(using: str = "default") -> Iterator[None]:
    """Within this block, this connection may erase audit events (the test suite's flush)."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET alliances.audit_erase = 'allowed'")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET alliances.audit_erase")
        return
    key = id(connection.connection)
    _ALLOWED[key] = True
    try:
        yield
    finally:
        _ALLOWED.pop(key, None)
