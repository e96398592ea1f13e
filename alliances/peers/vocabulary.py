"""What a peer can share, read from a versioned data file (`data/peer_profile.vN.json`).

Lived experiences, languages, neighbourhoods and times of availability, each with a French label, and
for experiences the plain sentence a ranked candidate shows as a reason ("a aussi élevé ses enfants
seul·e"). Profiles keep codes; a new version of the file must keep the codes it had.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, override

from alliances.core.data_i18n import translated

DIRECTORY = Path(__file__).parent / "data"
_FILE = re.compile(r"^peer_profile\.v(?P<version>\d+)\.json$")


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    reason: str = ""


@dataclass(frozen=True)
class Vocabulary:
    version: int
    source: str
    experiences: tuple[Term, ...]
    languages: tuple[Term, ...]
    neighbourhoods: tuple[Term, ...]
    availability: tuple[Term, ...]
    capacity_min: int
    capacity_max: int
    capacity_default: int

    @staticmethod
    def _choices(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
        return [(t.code, t.label) for t in terms]

    @staticmethod
    def _labels(terms: tuple[Term, ...]) -> dict[str, Term]:
        return {t.code: t for t in terms}

    @property
    def experience_choices(self) -> list[tuple[str, str]]:
        return self._choices(self.experiences)

    @property
    def language_choices(self) -> list[tuple[str, str]]:
        return self._choices(self.languages)

    @property
    def neighbourhood_choices(self) -> list[tuple[str, str]]:
        return self._choices(self.neighbourhoods)

    @property
    def availability_choices(self) -> list[tuple[str, str]]:
        return self._choices(self.availability)

    def experience(self, code: str) -> Term | None:
        return self._labels(self.experiences).get(code)

    def language(self, code: str) -> Term | None:
        return self._labels(self.languages).get(code)

    def neighbourhood(self, code: str) -> Term | None:
        return self._labels(self.neighbourhoods).get(code)

    def availability_term(self, code: str) -> Term | None:
        return self._labels(self.availability).get(code)


def _terms(items: list[dict[str, str]]) -> tuple[Term, ...]:
    return tuple(Term(code=i["code"], label=i["label"], reason=i.get("reason", "")) for i in items)


def _all() -> dict[int, Vocabulary]:
    return _all_in(get_language() or settings.LANGUAGE_CODE)


@cache
def _all_in(language: str) -> dict[int, Vocabulary]:
    """The vocabulary with its words in `language` (alliances/core/data_i18n.py)."""
    with override(language):
        return _read()


def _read() -> dict[int, Vocabulary]:
    found = {}
    for path in sorted(DIRECTORY.glob("peer_profile.v*.json")):
        match = _FILE.match(path.name)
        if not match:
            continue
        data = translated(json.loads(path.read_text(encoding="utf-8")))
        found[int(match["version"])] = Vocabulary(
            version=int(data["version"]),
            source=data["source"],
            experiences=_terms(data["experiences"]),
            languages=_terms(data["languages"]),
            neighbourhoods=_terms(data["neighbourhoods"]),
            availability=_terms(data["availability"]),
            capacity_min=int(data["capacity"]["min"]),
            capacity_max=int(data["capacity"]["max"]),
            capacity_default=int(data["capacity"]["default"]),
        )
    return found


def vocabulary(version: int | None = None) -> Vocabulary:
    versions = _all()
    return versions[version if version is not None else max(versions)]
