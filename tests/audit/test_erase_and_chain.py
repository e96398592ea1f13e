"""Security review, finding 4: the audit trail can be neither erased nor silently changed."""

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from alliances.audit.chain import verify
from alliances.audit.enums import AuditAction
from alliances.audit.models import AuditEvent
from alliances.audit.services import audit_record, audit_record_many

from ..conftest import World

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles and triggers")


def _events(world: World, count: int = 3) -> list[int]:
    audit_record_many(
        actor=world.user("referent_of"),
        person_ids=[world.person.pk, world.other_person.pk],
        category="identity",
        action=AuditAction.READ,
    )
    for _ in range(count):
        audit_record(actor=None, person_id=world.person.pk, category="household", action=AuditAction.WRITE)
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def _raw(sql: str, params: list[Any] | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def test_delete_is_refused_by_the_database(world: World) -> None:
    ids = _events(world)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [ids[0]])
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == len(ids)


@postgresql_only
def test_truncate_and_replica_mode_are_refused_on_postgresql(world: World) -> None:
    ids = _events(world)
    with pytest.raises(DatabaseError):
        _raw("TRUNCATE audit_auditevent")
    # Even the owner, in replica mode: the triggers fire ALWAYS.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [ids[0]])
    assert AuditEvent.objects.count() == len(ids)


@postgresql_only
def test_the_runtime_role_may_only_read_and_append(world: World) -> None:
    ids = _events(world)
    _raw("DROP ROLE IF EXISTS alliances_runtime_test")
    _raw("CREATE ROLE alliances_runtime_test NOLOGIN")
    try:
        call_command("db_grant_runtime", "alliances_runtime_test")
        refused = [
            "TRUNCATE audit_auditevent",
            f"DELETE FROM audit_auditevent WHERE id = {ids[0]:d}",  # noqa: S608 (an integer id)
            f"UPDATE audit_auditevent SET detail = 'x' WHERE id = {ids[0]:d}",  # noqa: S608
            "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            "SET session_replication_role = replica",
        ]
        for statement in refused:
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL ROLE alliances_runtime_test")
                cursor.execute(statement)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE alliances_runtime_test")
            cursor.execute("SELECT count(*) FROM audit_auditevent")
            assert cursor.fetchone()[0] == len(ids)
            cursor.execute("SELECT count(*) FROM persons_person")  # the rest of the data is its to use
            cursor.execute("RESET ROLE")  # a released savepoint keeps SET LOCAL: give the role back
    finally:
        _raw("REASSIGN OWNED BY alliances_runtime_test TO CURRENT_USER")
        _raw("DROP OWNED BY alliances_runtime_test")
        _raw("DROP ROLE alliances_runtime_test")
    assert AuditEvent.objects.count() == len(ids)


def test_grant_command_refuses_sqlite_or_a_missing_role(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("db_grant_runtime", "nobody_at_all")


def test_the_chain_holds_and_the_command_says_so(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    ids = _events(world)
    report = verify()
    assert (report.checked, report.first_break) == (len(ids), None)
    call_command("audit_verify")
    assert f"Chaîne intacte : {len(ids)} événements vérifiés" in capsys.readouterr().out


def _without_triggers(sql: str, params: list[Any]) -> None:
    """What an attacker with the owner's rights would do: go around the triggers."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks: the table may be altered
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE ALWAYS TRIGGER audit_event_no_update")
            cursor.execute("ALTER TABLE audit_auditevent ENABLE ALWAYS TRIGGER audit_event_no_truncate")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(sql, params)
            cursor.execute(
                "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
            )
            cursor.execute(
                "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent "
                "WHEN alliances_audit_erase_allowed() = 0 "
                "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
            )


def test_a_deleted_event_breaks_the_chain_at_the_next_one(world: World) -> None:
    ids = _events(world)
    _without_triggers("DELETE FROM audit_auditevent WHERE id = %s", [ids[2]])
    report = verify()
    assert report.first_break == ids[3]
    with pytest.raises(CommandError, match=f"n° {ids[3]}"):
        call_command("audit_verify")


def test_a_changed_event_breaks_the_chain_there(world: World) -> None:
    ids = _events(world)
    _without_triggers("UPDATE audit_auditevent SET detail = 'rien' WHERE id = %s", [ids[1]])
    assert verify().first_break == ids[1]


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_trail_for_the_test_suite() -> None:
    audit_record(actor=None, person_id=None, category="identity", action=AuditAction.READ)
    call_command("flush", verbosity=0, interactive=False)
    assert AuditEvent.objects.count() == 0
    # And the guard is back right after it.
    audit_record(actor=None, person_id=None, category="identity", action=AuditAction.READ)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM audit_auditevent")
