"""Django's flush, allowed to erase the audit trail (the test suite flushes between transactional tests).

Everywhere else the database refuses it (migration audit/0003); in production the runtime role has no
DELETE nor TRUNCATE right on the trail at all (`manage.py db_grant_runtime`).
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand

from alliances.audit.erase_guard import audit_erase_allowed


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        with audit_erase_allowed(options.get("database", "default")):
            super().handle(**options)
