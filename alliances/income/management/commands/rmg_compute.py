import json
import sys
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alliances.core.months import parse_month
from alliances.income.engine.rules import RulesError
from alliances.income.engine.top_up import compute_top_up
from alliances.income.selectors import rules_in_force
from alliances.rights.engine.io import InputError, parse_all, read_households, read_text


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
            rules = rules_in_force(month=month)
            households, errors = parse_all(list(read_households(read_text(options["file"]))))
        except (ValueError, RulesError, InputError) as error:
            raise CommandError(str(error)) from error
        results = [compute_top_up(household, month, rules) for household in households]
        total = sum((result.top_up for result in results), Decimal(0))
        document: dict[str, object] = {
            "month": options["month"],
            "results": [r.as_json() for r in results],
            "total": float(total),
        }
        if errors:
            document["errors"] = errors
        self.stdout.write(json.dumps(document, ensure_ascii=False))
        if errors:
            sys.exit(1)
