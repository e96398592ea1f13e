"""Large inserts that skip rows already there, fast on PostgreSQL (COPY), plain `bulk_create` elsewhere.

The monthly cycle writes 100,000 snapshots, entitlements and payments with JSON documents. Django's
bulk insert has psycopg escape every element of every array parameter in Python; `COPY` streams the
rows instead, into a temporary table that is then merged with `ON CONFLICT DO NOTHING`, so unique
constraints still decide what a re-run or a concurrent run may add.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, models, transaction


def insert_new(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]], key: str) -> set[Any]:
    """Inserts `rows` (values in the order of `fields`, JSON fields as Python objects) and returns the
    values of `key` of the rows actually inserted; rows that conflict with a unique constraint are
    skipped. Runs in one transaction."""
    if not rows:
        return set()
    columns = _columns(model, fields)
    if connection.vendor != "postgresql":
        return _insert_with_values(model, fields, rows, key)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in columns)
    is_json = [isinstance(field, models.JSONField) and not getattr(field, "encrypted", False) for field in columns]
    encrypted = [getattr(field, "encrypted", False) for field in columns]
    key_column = connection.ops.quote_name(_columns(model, [key])[0].column)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE _rows ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA"  # noqa: S608
        )
        with cursor.cursor.copy(f"COPY _rows ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(value, connection) if secret else _dumped(value) if json_ else value
                        for field, value, json_, secret in zip(columns, row, is_json, encrypted, strict=True)
                    ]
                )
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM _rows "  # noqa: S608
            f"ON CONFLICT DO NOTHING RETURNING {key_column}"
        )
        inserted = {value for (value,) in cursor.fetchall()}
        cursor.execute("DROP TABLE _rows")
    return inserted


def _columns(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    fields = [model._meta.get_field(name) for name in names]
    concrete = [field for field in fields if isinstance(field, models.Field)]
    if len(concrete) != len(fields):
        raise ValueError("Only concrete fields can be inserted.")
    return concrete


def _dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _insert_with_values(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]], key: str
) -> set[Any]:
    """Elsewhere (SQLite in development and tests): the same merge, as `INSERT … VALUES` in batches."""
    columns = _columns(model, fields)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in columns)
    key_column = connection.ops.quote_name(_columns(model, [key])[0].column)
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    inserted: set[Any] = set()
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            params = [
                field.get_db_prep_save(value, connection)
                for row in batch
                for field, value in zip(columns, row, strict=True)
            ]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([placeholder] * len(batch))} "  # noqa: S608
                f"ON CONFLICT DO NOTHING RETURNING {key_column}",
                params,
            )
            inserted.update(value for (value,) in cursor.fetchall())
    return inserted


def refresh_statistics(*tables: type[models.Model]) -> None:
    """Brings PostgreSQL's planner statistics up to date after a bulk load (elsewhere: nothing to do).

    A first cycle adds a million entitlements in minutes, before autovacuum analyses the table; the
    planner, still counting a few thousand rows, then chose for each page of the payment plan a bitmap
    scan of the whole cycle and a sort, so paying grew with the square of the households (measured:
    300,000 households paid in 23–35 s, 1,000,000 in 147 s). `ANALYZE` samples each table (well under a
    second here)."""
    if connection.vendor != "postgresql" or not tables:
        return
    names = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {names}")
