import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alliances.income.engine.rules import RulesError
from alliances.income.engine.top_up import compute_top_up
from alliances.income.selectors import rules_in_force
from alliances.rights.engine.household import HouseholdError, parse_household
from alliances.rights.engine.io import InputError, read_households
from alliances.rights.engine.months import parse_month


class Command(BaseCommand):
    help = (
        "Computes the guaranteed-income top-up of households (rights-check format, plus an optional "
        '"enrolled": true) with the current scheme rules, without saving anything. FILE: one household, a JSON '
        "array or JSON Lines ('-' for standard input). Exit status 1 when a household was invalid."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--month", required=True, help="YYYY-MM")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        try:
            rules = rules_in_force(month=month)
        except RulesError as error:
            raise CommandError(str(error)) from error
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Impossible de lire {name} : {error.strerror}.") from error
        try:
            items = list(read_households(text))
        except InputError as error:
            raise CommandError(str(error)) from error
        results: list[dict[str, object]] = []
        errors: list[dict[str, str]] = []
        total = Decimal(0)
        for position, data in items:
            if isinstance(data, InputError):
                errors.append({"id": f"#{position}", "field": "", "message": str(data)})
                continue
            try:
                household = parse_household(data)
            except HouseholdError as error:
                household_id = error.household_id if error.household_id != "?" else f"#{position}"
                errors.append({"id": household_id, "field": error.field, "message": error.message})
                continue
            top_up = compute_top_up(household, month, rules)
            total += top_up.top_up
            results.append(top_up.as_json())
        document: dict[str, object] = {"month": options["month"], "results": results, "total": float(total)}
        if errors:
            document["errors"] = errors
        self.stdout.write(json.dumps(document, ensure_ascii=False))
        if errors:
            sys.exit(1)
