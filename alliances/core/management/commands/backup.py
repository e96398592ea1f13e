from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from alliances.core.backup import backup_create


class Command(BaseCommand):
    help = "Sauvegarde chiffrée de toute la base (ALLIANCES_BACKUP_PASSPHRASE), avec sa somme de contrôle."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossier", default="var/backups", help="Où écrire la sauvegarde.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = backup_create(connection, Path(options["dossier"]))
        self.stdout.write(f"Sauvegarde écrite : {path} (et {path.with_suffix('.sha256').name})")
