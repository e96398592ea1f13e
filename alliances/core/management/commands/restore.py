from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from alliances.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde (make backup) après avoir vérifié sa somme de contrôle : dans la base "
        "configurée, ou dans une autre (--base, pour essayer une restauration)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sauvegarde", help="Le fichier .backup.enc")
        parser.add_argument("--base", help="PostgreSQL : nom d'une autre base ; SQLite : chemin d'un autre fichier.")

    def handle(self, *args: Any, **options: Any) -> None:
        into = {**connection.settings_dict}
        if options["base"]:
            into["NAME"] = options["base"]
        connection.close()
        try:
            backup_restore(Path(options["sauvegarde"]), vendor=connection.vendor, into=into)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restauré dans {into['NAME']}.")
