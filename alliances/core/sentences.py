"""Sentences an engine wrote in French, said again in the reader's language (issue 20).

The income and rights engines run in the background and keep their explanations as French sentences,
from a closed set of shapes. Each shape is a French template with named values (`%(amount)s`), marked
for translation. `said_in_language` recognises a stored line by its shape, translates the template, and
puts the values back, each through its converter (a month said in the reader's language, a list of
income labels translated one by one). In French, or for a line of no known shape, the line is returned
as it was: a test runs every branch of each engine through it in English and Arabic.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, gettext

from .months import MONTH_NAMES

Converter = Callable[[str], str]


@dataclass(frozen=True)
class Shape:
    template: str  # French, with %(name)s values (and %% for a percent sign); also the msgid
    pattern: re.Pattern[str]


@cache
def shape(template: str) -> Shape:
    parts = re.split(r"%\((\w+)\)s", template)
    regex = "".join(
        re.escape(part.replace("%%", "%")) if index % 2 == 0 else f"(?P<{part}>.+?)" for index, part in enumerate(parts)
    )
    return Shape(template=template, pattern=re.compile(regex, re.DOTALL))


def in_french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def said_in_language(line: str, templates: Sequence[str], converters: dict[str, Converter]) -> str:
    """The line in the active language, or unchanged (in French, or when no template fits it)."""
    if in_french():
        return line
    for template in templates:
        found = shape(template).pattern.fullmatch(line)
        if found is not None:
            values = {name: converters.get(name, _as_is)(value) for name, value in found.groupdict().items()}
            return gettext(template) % values
    return line


def _as_is(value: str) -> str:
    return value


_MONTH = re.compile(r"^(?:de |d')?(" + "|".join(MONTH_NAMES) + r") (\d{4})$")
_NUMERIC_MONTH = re.compile(r"^(\d{2})/(\d{4})$")


def month_said(value: str) -> str:
    """« octobre 2026 » or « 10/2026 », said in the active language ("October 2026"); « d'octobre 2026 »
    with its preposition ("for October 2026")."""
    if in_french():
        return value
    found = _MONTH.match(value)
    if found is not None:
        month = date(int(found.group(2)), MONTH_NAMES.index(found.group(1)) + 1, 1)
        said = date_format(month, "F Y")
        # « de novembre 2026 » says the month with its preposition: "for November 2026".
        return gettext("de %(month)s") % {"month": said} if value.startswith(("de ", "d'")) else said
    found = _NUMERIC_MONTH.match(value)
    if found is not None:
        return date_format(date(int(found.group(2)), int(found.group(1)), 1), "F Y")
    return value


def words_said(value: str) -> str:
    """A French label the catalog holds ("salaire net"), in the active language."""
    return gettext(value)
