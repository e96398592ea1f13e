"""Translating the human words of the data files (instruments, the catalogue of online procedures).

The files stay French, the source of truth. Their words are extracted into `data_strings.py` (made by
`make messages`, checked current by a test) so that `makemessages` finds them, and each loader reads the
file through `translated`, in the active language, caching one copy per language.
"""

from pathlib import Path
from typing import Any

from django.utils.translation import gettext

#: The keys whose values are words a person reads. Codes, sources, addresses and numbers are not.
TEXT_KEYS = frozenset(
    {
        "title",
        "title_mine",
        "intro",
        "intro_mine",
        "label",
        "short",
        "mine",
        "mine_short",
        "protection",
        "recognition",
        "prompt",
        "description",
        "staff_label",
        "explain",
        "steps",
        "documents",
        "labels",
        "reason",
    }
)

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = (
    "assessments/instruments/hidden_dimensions.v1.json",
    "assessments/instruments/participation_ladder.v1.json",
    "assessments/instruments/social_bonds.v1.json",
    "mediation/catalogue/procedures.v1.json",
    "peers/data/peer_profile.v1.json",
)


def _words(value: Any, text: bool) -> Any:
    """The value with `gettext` applied to every string that is words (`text`), recursively."""
    if isinstance(value, dict):
        return {key: _words(item, text or key in TEXT_KEYS) for key, item in value.items()}
    if isinstance(value, list):
        return [_words(item, text) for item in value]
    if isinstance(value, str) and text and value:
        return gettext(value)
    return value


def translated(data: dict[str, Any]) -> dict[str, Any]:
    """A data file's content with its words in the active language. Inside a dict under a text key (the
    scale's labels), every value is words; elsewhere only the values of text keys are."""
    return {key: _words(value, key in TEXT_KEYS) for key, value in data.items()}


def strings_of(data: Any, text: bool = False) -> list[str]:
    """Every string `translated` would translate, in file order."""
    if isinstance(data, dict):
        return [s for key, item in data.items() for s in strings_of(item, text or key in TEXT_KEYS)]
    if isinstance(data, list):
        return [s for item in data for s in strings_of(item, text)]
    return [data] if isinstance(data, str) and text and data else []


def data_strings_source() -> str:
    """The content of `data_strings.py`: one `gettext_noop` per distinct string of the data files."""
    import json

    seen: dict[str, None] = {}
    for name in DATA_FILES:
        for string in strings_of(json.loads((ROOT / name).read_text(encoding="utf-8"))):
            seen.setdefault(string, None)
    lines = [
        '"""Made by `make messages` from the data files (alliances/core/data_i18n.py): do not edit."""',
        "",
        "# ruff: noqa: E501",
        "from django.utils.translation import gettext_noop as _",
        "",
        "STRINGS = (",
        *(f"    _({json.dumps(s, ensure_ascii=False)})," for s in seen),
        ")",
        "",
    ]
    return "\n".join(lines)
