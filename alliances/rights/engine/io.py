"""Reading households from a file: one object, a JSON array, or JSON Lines."""

import json
from collections.abc import Iterator
from typing import Any


class InputError(ValueError):
    """The file as a whole cannot be read."""


def read_households(text: str) -> Iterator[tuple[int, Any]]:
    """(position, raw object) pairs; malformed JSON Lines are yielded as InputError objects."""
    stripped = text.strip()
    if not stripped:
        raise InputError("Le fichier est vide.")
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError:
        document = None
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) < 2:
            raise InputError("Le fichier n'est ni du JSON ni des lignes JSON (JSON Lines).") from None
        for number, line in enumerate(lines, start=1):
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield number, InputError(f"Ligne {number} : JSON invalide ({error.msg}).")
        return
    if isinstance(document, list):
        yield from enumerate(document, start=1)
    else:
        yield 1, document


def read_text(name: str) -> str:
    """The content of a households file, or of standard input for '-'. Raises InputError in French."""
    import sys
    from pathlib import Path

    try:
        return sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"Impossible de lire {name} : {error.strerror}.") from error


def parse_all(items: list[tuple[int, Any]], today: Any = None) -> tuple[list[Any], list[dict[str, str]]]:
    """Valid households, and one error per invalid one ({"id", "field", "message"}); the others go on."""
    from alliances.households.input_format import HouseholdError, parse_household

    valid: list[Any] = []
    errors: list[dict[str, str]] = []
    for position, data in items:
        if isinstance(data, InputError):
            errors.append({"id": f"#{position}", "field": "", "message": str(data)})
            continue
        try:
            valid.append(parse_household(data, today=today))
        except HouseholdError as error:
            household_id = error.household_id if error.household_id != "?" else f"#{position}"
            errors.append({"id": household_id, "field": error.field, "message": error.message})
    return valid, errors
