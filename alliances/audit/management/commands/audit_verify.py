"""Checks the audit trail's hash chain and reports the first break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alliances.audit.chain import verify


class Command(BaseCommand):
    help = "Vérifie la chaîne d'empreintes du journal d'accès et signale la première rupture."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify()
        if report.first_break is not None:
            raise CommandError(
                f"Chaîne rompue à l'événement n° {report.first_break} ({report.reason}) "
                f"après {report.checked} événements vérifiés."
            )
        self.stdout.write(
            f"Chaîne intacte : {report.checked} événements vérifiés"
            + (f" ({report.unchained} antérieurs à la chaîne, sans empreinte)." if report.unchained else ".")
        )
