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
