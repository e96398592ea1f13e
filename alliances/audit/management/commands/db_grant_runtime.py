"""Gives the role the application runs as what it needs, and no more (PostgreSQL).

Migrations run as the owner of the tables; the web and queue processes run as another role, which
this command grants: read and write on every table, except the audit trail, which it may only read
and append to (no UPDATE, DELETE or TRUNCATE; not the owner, so it cannot disable its triggers; not a
superuser, so it cannot switch to replica mode). Run it after each `migrate`:

    DATABASE_URL=postgres://owner@host/db manage.py migrate
    DATABASE_URL=postgres://owner@host/db manage.py db_grant_runtime alliances_app
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from alliances.audit.models import AuditEvent

APPEND_ONLY = (AuditEvent._meta.db_table,)


def grant_runtime(role: str) -> list[str]:
    """The statements that give `role` its rights; run in one transaction."""
    quote = connection.ops.quote_name
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quote(role)}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quote(role)}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quote(role)}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {quote(role)}",
    ]
    for table in APPEND_ONLY:
        statements += [
            f"REVOKE ALL ON TABLE {quote(table)} FROM {quote(role)}",
            f"GRANT SELECT, INSERT ON TABLE {quote(table)} TO {quote(role)}",
        ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements


class Command(BaseCommand):
    help = "Donne au rôle d'exécution ses droits (PostgreSQL) : journal d'accès en lecture et ajout seulement."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="le rôle PostgreSQL des processus web et de la file de tâches")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Cette commande ne concerne que PostgreSQL.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            row = cursor.fetchone()
        if row is None:
            raise CommandError(f"Le rôle « {role} » n'existe pas : créez-le d'abord (CREATE ROLE … LOGIN).")
        if row[0]:
            raise CommandError(f"Le rôle « {role} » est superutilisateur : il pourrait effacer le journal.")
        grant_runtime(role)
        self.stdout.write(f"Droits donnés à « {role} » ; journal d'accès : lecture et ajout seulement.")
