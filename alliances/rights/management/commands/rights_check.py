import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from alliances.core.months import month_str, parse_month
from alliances.households.input_format import HouseholdError, HouseholdInput
from alliances.households.models import Household
from alliances.rights.engine.check import DEFAULT_THRESHOLD, CheckReport, check_households
from alliances.rights.engine.io import InputError, read_households, read_text
from alliances.rights.stored import households_for_check, stored_inputs


class Command(BaseCommand):
    help = (
        "Estimates each household's rights with OpenFisca-France and prints JSON. FILE holds one household, "
        "a JSON array or JSON Lines ('-' for standard input); or use --household-ids / --all for stored ones. "
        "Exit status 1 when a household was invalid (it is reported in 'errors'; the others are computed)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", help="households file (JSON, JSON array or JSON Lines), or -")
        parser.add_argument("--month", help="YYYY-MM (default: the current month)")
        parser.add_argument("--household-ids", help="stored households, by id, comma-separated")
        parser.add_argument("--all", action="store_true", help="every stored household")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help="monthly gap (€) above which non-take-up is reported",
        )
        parser.add_argument("--chunk-size", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        month = options["month"] or month_str(timezone.localdate())
        try:
            parse_month(month)
        except ValueError as error:
            raise CommandError(str(error)) from error
        sources = [bool(options["file"]), bool(options["household_ids"]), options["all"]]
        if sum(sources) != 1:
            raise CommandError("Donnez soit un fichier, soit --household-ids, soit --all.")
        if options["file"]:
            report = self._from_file(options["file"], month, options)
        else:
            report = self._from_database(month, options)
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
        if report.errors:
            sys.exit(1)

    def _from_file(self, name: str, month: str, options: dict[str, Any]) -> CheckReport:
        try:
            items = list(read_households(read_text(name)))
        except InputError as error:
            raise CommandError(str(error)) from error
        return check_households(items, month, threshold=options["threshold"], chunk_size=options["chunk_size"])

    def _from_database(self, month: str, options: dict[str, Any]) -> CheckReport:
        queryset = Household.objects.all()
        if options["household_ids"]:
            try:
                ids = [int(part) for part in options["household_ids"].split(",") if part.strip()]
            except ValueError as error:
                raise CommandError("--household-ids attend des nombres séparés par des virgules.") from error
            queryset = queryset.filter(pk__in=ids)
            missing = set(ids) - set(queryset.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"Foyers introuvables : {', '.join(map(str, sorted(missing)))}.")
        inputs: list[HouseholdInput] = []
        errors: list[dict[str, str]] = []
        for item in stored_inputs(households_for_check(queryset.order_by("pk"), month), month):
            if isinstance(item, HouseholdError):
                errors.append({"id": item.household_id, "field": item.field, "message": item.message})
            else:
                inputs.append(item)
        report = check_households(inputs, month, threshold=options["threshold"], chunk_size=options["chunk_size"])
        report.errors = errors + report.errors
        return report
