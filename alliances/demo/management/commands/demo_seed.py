from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alliances.demo.accounts import (
    DEMO_PASSWORD,
    MEDIATORS,
    OTHERS,
    PEER_LOGIN,
    PERSON_LOGIN,
    PERSON_PHONE_LOGIN,
    REFERENTS,
)
from alliances.demo.city import generate_city
from alliances.demo.generate import generate
from alliances.demo.peers import demo_peers


class Command(BaseCommand):
    help = "Loads the fictional demo CCAS (idempotent: reuses what exists) and prints the demo accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--households", type=int, default=200)
        parser.add_argument(
            "--persons",
            type=int,
            help="a city-scale data set of about this many persons (with --years), instead of the small demo",
        )
        parser.add_argument("--years", type=int, default=3, help="years of history of the city-scale data set")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["persons"]:
            if options["persons"] < 1 or not 1 <= options["years"] <= 10:
                raise CommandError("--persons doit être positif et --years compris entre 1 et 10.")
            result = generate_city(
                seed=options["seed"], persons=options["persons"], years=options["years"], report=self.stdout.write
            )
        else:
            result = generate(seed=options["seed"], households=options["households"])
        verb = "Created" if result.created else "Reusing"
        self.stdout.write(f"{verb} demo data: {result.persons} persons in {result.households} households.")
        if demo_peers():
            self.stdout.write("Added the peers and mediation demo: offers to help, sessions, mandates.")
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        rows = [
            ("person", f"{PERSON_LOGIN}  (or phone {PERSON_PHONE_LOGIN})"),
            ("peer", PEER_LOGIN),
            ("referent", REFERENTS[0].email),
            ("mediator", MEDIATORS[0].email),
            *[(account.role, account.email) for account in OTHERS],
        ]
        for role, login in rows:
            self.stdout.write(f"  {role:<11} {login}")
