"""The catalogue of online procedures, read from a versioned data file (`catalogue/procedures.vN.json`).

Labels are French and live in the file, with the sources of each procedure. Themes are Aidants Connect's
ten mandate domains, so a mandate's scope and a procedure's theme speak the same language. A new
version is a new file; records keep the procedure codes, which a new version must keep too.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, override

from alliances.core.data_i18n import translated

DIRECTORY = Path(__file__).parent / "catalogue"
_FILE = re.compile(r"^procedures\.v(?P<version>\d+)\.json$")


@dataclass(frozen=True)
class Theme:
    code: str
    label: str


@dataclass(frozen=True)
class Level:
    """A step of co-learning: done for me → done with me → done alone."""

    code: str
    rank: int
    label: str  # the person's words ("Fait avec moi")
    staff_label: str
    explain: str


@dataclass(frozen=True)
class OnlineProcedure:
    code: str
    label: str
    theme: str
    service: str
    service_url: str
    steps: tuple[str, ...]
    documents: tuple[str, ...]
    duration_minutes: int
    benefits: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Catalogue:
    version: int
    title: str
    source: str
    themes: tuple[Theme, ...]
    levels: tuple[Level, ...]
    procedures: tuple[OnlineProcedure, ...]

    def procedure(self, code: str) -> OnlineProcedure | None:
        return next((p for p in self.procedures if p.code == code), None)

    def theme(self, code: str) -> Theme | None:
        return next((t for t in self.themes if t.code == code), None)

    def level(self, code: str) -> Level | None:
        return next((lv for lv in self.levels if lv.code == code), None)

    def for_benefit(self, benefit: str) -> OnlineProcedure | None:
        """The online procedure that claims a right of the rights engine (rights.enums.Benefit)."""
        return next((p for p in self.procedures if benefit in p.benefits), None)

    @property
    def procedure_choices(self) -> list[tuple[str, str]]:
        return [(p.code, p.label) for p in self.procedures]

    @property
    def theme_choices(self) -> list[tuple[str, str]]:
        return [(t.code, t.label) for t in self.themes]

    @property
    def level_choices(self) -> list[tuple[str, str]]:
        return [(lv.code, lv.label) for lv in self.levels]


def _parse(data: dict[str, Any]) -> Catalogue:
    themes = tuple(Theme(code=t["code"], label=t["label"]) for t in data["themes"])
    theme_codes = {t.code for t in themes}
    procedures = []
    for p in data["procedures"]:
        if p["theme"] not in theme_codes:
            raise ValueError(f"procedure {p['code']}: unknown theme {p['theme']}")
        procedures.append(
            OnlineProcedure(
                code=p["code"],
                label=p["label"],
                theme=p["theme"],
                service=p["service"],
                service_url=p["service_url"],
                steps=tuple(p["steps"]),
                documents=tuple(p["documents"]),
                duration_minutes=int(p["duration_minutes"]),
                benefits=tuple(p.get("benefits", [])),
                source=p["source"],
            )
        )
    levels = tuple(
        Level(code=lv["code"], rank=lv["rank"], label=lv["label"], staff_label=lv["staff_label"], explain=lv["explain"])
        for lv in sorted(data["levels"], key=lambda lv: lv["rank"])
    )
    return Catalogue(
        version=int(data["version"]),
        title=data["title"],
        source=data["source"],
        themes=themes,
        levels=levels,
        procedures=tuple(procedures),
    )


def _all() -> dict[int, Catalogue]:
    return _all_in(get_language() or settings.LANGUAGE_CODE)


@cache
def _all_in(language: str) -> dict[int, Catalogue]:
    """The catalogue with its words in `language` (alliances/core/data_i18n.py)."""
    found = {}
    for path in sorted(DIRECTORY.glob("procedures.v*.json")):
        match = _FILE.match(path.name)
        if match:
            with override(language):
                found[int(match["version"])] = _parse(translated(json.loads(path.read_text(encoding="utf-8"))))
    return found


def catalogue(version: int | None = None) -> Catalogue:
    """The catalogue of a given version, by default the latest."""
    versions = _all()
    return versions[version if version is not None else max(versions)]
