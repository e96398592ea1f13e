from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alliances.accounts.models import User
from alliances.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Creates an API token for an account and prints it once (only its digest is stored)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="intégration")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if user is None:
            raise CommandError("Aucun compte actif avec cette adresse.")
        _, raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(raw)
