"""The audit trail cannot be erased by the application, and each event is chained to the previous one.

- PostgreSQL: TRUNCATE is refused by a statement trigger, and the row triggers fire ALWAYS (even with
  `session_replication_role = replica`). Only the `flush` command (the test suite's) may erase, by
  setting `alliances.audit_erase = 'allowed'` for its own transaction. The runtime role should not own
  the table nor have DELETE/TRUNCATE on it at all: see `manage.py db_grant_runtime`.
- SQLite: DELETE is refused too, unless the connection's `alliances_audit_erase_allowed()` says yes
  (registered on each connection by the audit app; only `flush` turns it on).
"""

import django.utils.timezone
from django.db import migrations, models

SQLITE_UP = [
    # Adding the column remade the table on SQLite, which dropped 0002's trigger: create it again.
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN alliances_audit_erase_allowed() = 0
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_event_no_delete;"]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION audit_event_no_truncate() RETURNS trigger AS $$
       BEGIN
         IF coalesce(current_setting('alliances.audit_erase', true), '') = 'allowed' THEN RETURN NULL; END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND coalesce(current_setting('alliances.audit_erase', true), '') = 'allowed' THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();""",
    "ALTER TABLE audit_auditevent ENABLE ALWAYS TRIGGER audit_event_no_update;",
    "ALTER TABLE audit_auditevent ENABLE ALWAYS TRIGGER audit_event_no_truncate;",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS audit_event_no_truncate();",
    "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_update;",
]


def _run(statements_by_vendor: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="date"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="empreinte chaînée"),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
