"""Each household's inputs version: bumped by the database itself whenever a row the cycle reads changes.

The guaranteed-income cycle keeps on each frozen snapshot the version it read; a later cycle looks for
corrections only where the version moved, instead of reading and comparing every paid month of every
household again. Triggers, not application code, so that no way of writing (a service, the admin, a
bulk update, a script) can forget it. PostgreSQL: one statement-level trigger per table and event
(transition tables: a bulk update of 100,000 incomes is one extra UPDATE); SQLite: row triggers.
"""

from django.db import migrations, models

# table → how a changed row names its household, from the rows of a transition table called `rows`.
_HOUSEHOLD_OF = {
    "households_member": "SELECT household_id FROM {rows}",
    "households_housing": "SELECT household_id FROM {rows}",
    "households_monthlyincome": (
        "SELECT m.household_id FROM households_member m JOIN {rows} r ON r.member_id = m.id"
    ),
}
_BUMP = "UPDATE households_household SET inputs_version = inputs_version + 1 WHERE id IN ({households})"


def _postgresql() -> list[str]:
    statements = []
    for table, household_of in _HOUSEHOLD_OF.items():
        function = f"{table}_bump_inputs_version"
        new = _BUMP.format(households=household_of.format(rows="new_rows"))
        old = _BUMP.format(households=household_of.format(rows="old_rows"))
        statements.append(
            f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('INSERT', 'UPDATE') THEN {new}; END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN {old}; END IF;
                RETURN NULL;
            END $$"""
        )
        for event, tables in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_bumps_version AFTER {event} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    return statements


def _sqlite() -> list[str]:
    row_household = {
        "households_member": "{row}.household_id",
        "households_housing": "{row}.household_id",
        "households_monthlyincome": "(SELECT household_id FROM households_member WHERE id = {row}.member_id)",
    }
    statements = []
    for table, household in row_household.items():
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("NEW", "OLD")), ("DELETE", ("OLD",))):
            households = ", ".join(household.format(row=row) for row in rows)
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_bumps_version AFTER {event} ON {table} "
                f"BEGIN {_BUMP.format(households=households)}; END"
            )
    return statements


def create_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": _postgresql, "sqlite": _sqlite}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"No inputs-version triggers for {vendor}.")
    for statement in statements():
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table in _HOUSEHOLD_OF:
        for event in ("insert", "update", "delete"):
            on = f" ON {table}" if postgresql else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{event}_bumps_version{on}")
        if postgresql:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_bump_inputs_version()")


class Migration(migrations.Migration):
    dependencies = [("households", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="household",
            name="inputs_version",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="Augmente à chaque modification des membres, du logement ou des revenus (déclencheurs).",
                verbose_name="version des données de calcul",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
