"""Names sorted as a French reader expects: accents and case do not decide the order (Gérard comes before
Goncalves, Élodie among the E). PostgreSQL's ICU collation "fr-x-icu"; on SQLite the same rule as a
collation registered on each connection."""

import sqlite3
import unicodedata
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func
from django.dispatch import receiver

SQLITE_COLLATION = "alliances_fr"


def sort_key(text: str) -> tuple[str, str]:
    """Letters without their accents and case first; the exact text breaks ties."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.casefold(), text


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left or ""), sort_key(right or "")
    return (a > b) - (a < b)


@receiver(connection_created)
def _on_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        raw: sqlite3.Connection = connection.connection
        raw.create_collation(SQLITE_COLLATION, _compare)


class FrenchOrder(Func):
    """`ORDER BY FrenchOrder("last_name")`: the column (or expression) under the French collation."""

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        collation = '"fr-x-icu"' if connection.vendor == "postgresql" else SQLITE_COLLATION
        return f"({sql}) COLLATE {collation}", list(params)
