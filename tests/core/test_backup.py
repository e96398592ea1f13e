"""Issue 19: a backup of a populated database, restored into a new one, gives the same rows in every
table (row counts and checksums); a wrong passphrase or a changed file restores nothing."""

import sqlite3
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections

from alliances.core.backup import (
    BackupError,
    backup_create,
    backup_restore,
    postgresql_fingerprints,
    table_fingerprints,
)

from ..conftest import World

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIANCES_BACKUP_PASSPHRASE", "une phrase de test assez longue")


def _restored_fingerprints(path: Path, tmp_path: Path) -> dict[str, tuple[int, str]]:
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        backup_restore(path, vendor="sqlite", into={"NAME": str(target)})
        restored = sqlite3.connect(target)
        wrapper = connections.create_connection("default")
        wrapper.connection = restored
        try:
            return table_fingerprints(wrapper)
        finally:
            restored.close()
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings = {**connection.settings_dict, "NAME": name}
    try:
        backup_restore(path, vendor="postgresql", into=settings)
        return postgresql_fingerprints(settings)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_new_database_is_identical(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = table_fingerprints(connection)
    assert sum(count for count, _ in before.values()) > 50  # populated: the world of the access matrix
    path = backup_create(connection, tmp_path)
    assert path.with_suffix(".sha256").read_text().split()[1] == path.name
    assert b"Martin" not in path.read_bytes()  # encrypted
    assert _restored_fingerprints(path, tmp_path) == before


def test_a_changed_file_or_a_wrong_passphrase_restores_nothing(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = backup_create(connection, tmp_path)
    target = tmp_path / "never.sqlite3"
    monkeypatch.setenv("ALLIANCES_BACKUP_PASSPHRASE", "une autre phrase, pas la bonne")
    with pytest.raises(BackupError, match="phrase secrète"):
        backup_restore(path, vendor="sqlite", into={"NAME": str(target)})
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(BackupError, match="somme de contrôle"):
        backup_restore(path, vendor="sqlite", into={"NAME": str(target)})
    assert not target.exists()


def test_no_backup_without_a_passphrase(db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLIANCES_BACKUP_PASSPHRASE")
    with pytest.raises(ImproperlyConfigured, match="phrase secrète"):
        backup_create(connection, tmp_path)
    assert not list(tmp_path.iterdir())
