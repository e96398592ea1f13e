# ruff: noqa: S603  (fixed programs; the arguments are settings and paths, never user input)
"""Backups a CCAS can restore: the whole database, encrypted, with its checksum.

PostgreSQL: `pg_dump --format=custom`; SQLite: its online backup API (a consistent copy while the site
serves). Either is encrypted with `openssl enc -aes-256-cbc -pbkdf2`, streaming, with the passphrase
from ALLIANCES_BACKUP_PASSPHRASE (never on a command line), and a `.sha256` file is written beside it.
Restoring checks the checksum first, then decrypts and loads into the database named (a new one, to
test a restore). `table_fingerprints` counts and hashes every table: a restore is proven when both
sides give the same (tests/core/test_backup.py)."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

PASSPHRASE_VARIABLE = "ALLIANCES_BACKUP_PASSPHRASE"  # noqa: S105  (the name of a variable)
_OPENSSL = ["openssl", "enc", "-aes-256-cbc", "-pbkdf2", "-iter", "200000", "-pass", f"env:{PASSPHRASE_VARIABLE}"]


class BackupError(Exception):
    """A backup or a restore that cannot be done, said in plain French."""


def _passphrase_env() -> dict[str, str]:
    passphrase = os.environ.get(PASSPHRASE_VARIABLE, "")
    if len(passphrase) < 16:
        raise ImproperlyConfigured(
            f"{PASSPHRASE_VARIABLE} doit contenir une phrase secrète d'au moins 16 caractères, "
            "gardée hors du serveur : sans elle, la sauvegarde ne peut pas être relue."
        )
    return {**os.environ, PASSPHRASE_VARIABLE: passphrase}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env(settings: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def backup_create(connection: BaseDatabaseWrapper, directory: Path) -> Path:
    """Writes <directory>/alliances-<vendor>-<time>.backup.enc and its .sha256; returns the first."""
    env = _passphrase_env()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S-%fZ")
    target = directory / f"alliances-{connection.vendor}-{stamp}.backup.enc"
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "plain"
        if connection.vendor == "postgresql":
            settings = connection.settings_dict
            command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(plain), settings["NAME"]]
            subprocess.run(command, env=_pg_env(settings), check=True, capture_output=True)
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(plain) as copy:
                connection.connection.backup(copy)
            copy.close()
        else:
            raise BackupError(f"Base de données « {connection.vendor} » : sauvegarde non prévue.")
        subprocess.run([*_OPENSSL, "-salt", "-in", str(plain), "-out", str(target)], env=env, check=True)
    target.with_suffix(".sha256").write_text(f"{_sha256(target)}  {target.name}\n")
    return target


def backup_restore(path: Path, *, vendor: str, into: dict[str, Any]) -> None:
    """Checks the checksum, decrypts, and loads into `into` (Django database settings: NAME, HOST…).
    PostgreSQL: the database must exist (empty, or it is cleaned first); SQLite: NAME is the file written."""
    env = _passphrase_env()
    checksum = path.with_suffix(".sha256")
    if not checksum.exists() or checksum.read_text().split()[0] != _sha256(path):
        raise BackupError("La somme de contrôle ne correspond pas : cette sauvegarde est incomplète ou modifiée.")
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "plain"
        decrypted = subprocess.run(
            [*_OPENSSL, "-d", "-in", str(path), "-out", str(plain)], env=env, capture_output=True
        )
        if decrypted.returncode != 0:
            raise BackupError("La sauvegarde ne se déchiffre pas : la phrase secrète n'est pas la bonne.")
        if vendor == "postgresql":
            command = ["pg_restore", "--no-owner", "--clean", "--if-exists", "--exit-on-error"]
            subprocess.run([*command, "--dbname", into["NAME"], str(plain)], env=_pg_env(into), check=True)
        else:
            shutil.copyfile(plain, into["NAME"])


def postgresql_fingerprints(settings: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """The same as table_fingerprints, for a PostgreSQL database Django is not connected to."""
    import psycopg

    with (
        psycopg.connect(
            dbname=settings["NAME"],
            host=settings.get("HOST") or None,
            port=settings.get("PORT") or None,
            user=settings.get("USER") or None,
            password=settings.get("PASSWORD") or None,
        ) as plain,
        plain.cursor() as cursor,
    ):
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        prints = {}
        for (table,) in cursor.fetchall():
            cursor.execute(_PG_FINGERPRINT.format(table=psycopg.sql.Identifier(table).as_string(plain)))
            count, digest = cursor.fetchone()  # type: ignore[misc]
            prints[table] = (int(count), str(digest))
        return prints


_PG_FINGERPRINT = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"


def table_fingerprints(connection: BaseDatabaseWrapper) -> dict[str, tuple[int, str]]:
    """Every table: its row count and a hash of its rows (in a stable order)."""
    prints: dict[str, tuple[int, str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                cursor.execute(_PG_FINGERPRINT.format(table=quoted))
                count, digest = cursor.fetchone()
            else:
                # quote(): each value as its SQL literal, text with no declared type, so no converter of
                # Django's connection turns it into a Python object that a plain connection would not.
                columns = connection.introspection.get_table_description(cursor, table)
                literals = " || ',' || ".join(f"quote({connection.ops.quote_name(c.name)})" for c in columns)
                cursor.execute(f"SELECT {literals} FROM {quoted}")  # noqa: S608
                rows = sorted(row[0] for row in cursor.fetchall())
                count, digest = len(rows), hashlib.md5("|".join(rows).encode(), usedforsecurity=False).hexdigest()
            prints[table] = (int(count), str(digest))
    return prints
