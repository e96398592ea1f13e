"""The instruments of DESIGN.md section 5, read from versioned data files (`instruments/*.vN.json`).

Labels are French and live in the files, not in code. A new version is a new file; readings keep the
version they were made with, so older readings stay readable after an instrument changes.
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

DIRECTORY = Path(__file__).parent / "instruments"
_FILE = re.compile(r"^(?P<code>[a-z_]+)\.v(?P<version>\d+)\.json$")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    side: str  # "protection" or "recognition"
    reversed: bool


@dataclass(frozen=True)
class Bond:
    code: str
    label: str
    short: str
    protection: str
    mine: str  # the label in the person's own words, for their space
    mine_short: str
    recognition: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    prompt: str
    group: str


@dataclass(frozen=True)
class Level:
    level: int
    label: str
    description: str
    mine: str = ""  # the level said from the person's side ("Je…"), for their space


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    low: int
    high: int
    mine: str = ""


@dataclass(frozen=True)
class Instrument:
    code: str
    version: int
    title: str
    source: str
    intro: str
    scale_min: int
    scale_max: int
    scale_labels: dict[int, str]
    bonds: tuple[Bond, ...] = ()
    low_threshold: float = 0.0
    rupture_min_low_bonds: int = 2
    dimensions: tuple[Dimension, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()
    factors: tuple[Dimension, ...] = ()
    levels: tuple[Level, ...] = ()
    bands: tuple[Band, ...] = ()
    intro_mine: str = ""  # the intro addressed to the person, when `intro` speaks of them
    title_mine: str = ""  # the title in the person's words, for their space

    @property
    def items(self) -> dict[str, str]:
        """Every item a reading may give a value for: code → label."""
        if self.bonds:
            return {i.code: i.label for b in self.bonds for i in b.indicators}
        if self.dimensions:
            return {d.code: d.label for d in (*self.dimensions, *self.factors)}
        return {"level": self.title}

    def level(self, value: int) -> Level:
        return next(level for level in self.levels if level.level == value)

    def band(self, value: int) -> Band:
        return next(band for band in self.bands if band.low <= value <= band.high)


def _scale(data: dict[str, Any], key: str) -> tuple[int, int, dict[int, str]]:
    scale = data.get(key) or {}
    labels = {int(k): v for k, v in (scale.get("labels") or {}).items()}
    return int(scale.get("min", 0)), int(scale.get("max", 0)), labels


def _parse(data: dict[str, Any]) -> Instrument:
    common: dict[str, Any] = {
        "code": data["code"],
        "version": int(data["version"]),
        "title": data["title"],
        "source": data["source"],
        "intro": data.get("intro", ""),
        "intro_mine": data.get("intro_mine") or data.get("intro", ""),
        "title_mine": data.get("title_mine") or data["title"],
    }
    if "bonds" in data:
        low, high, labels = _scale(data, "scale")
        bonds = tuple(
            Bond(
                code=b["code"],
                label=b["label"],
                short=b.get("short", b["label"]),
                mine=b.get("mine", b["label"]),
                mine_short=b.get("mine_short", b.get("short", b["label"])),
                protection=b["protection"],
                recognition=b["recognition"],
                indicators=tuple(
                    Indicator(code=i["code"], label=i["label"], side=i["side"], reversed=bool(i.get("reversed")))
                    for i in b["indicators"]
                ),
            )
            for b in data["bonds"]
        )
        return Instrument(
            **common,
            scale_min=low,
            scale_max=high,
            scale_labels=labels,
            bonds=bonds,
            low_threshold=float(data["low_threshold"]),
            rupture_min_low_bonds=int(data["rupture_min_low_bonds"]),
        )
    if "groups" in data:
        low, high, labels = _scale(data, "intensity")
        dimensions = tuple(
            Dimension(code=d["code"], label=d["label"], prompt=d["prompt"], group=g["code"])
            for g in data["groups"]
            for d in g["dimensions"]
        )
        factors = tuple(
            Dimension(code=f["code"], label=f["label"], prompt=f["prompt"], group="factors")
            for f in data["modifying_factors"]
        )
        groups = tuple((g["code"], g["label"]) for g in data["groups"])
        return Instrument(
            **common,
            scale_min=low,
            scale_max=high,
            scale_labels=labels,
            dimensions=dimensions,
            groups=groups,
            factors=factors,
        )
    levels = tuple(
        Level(
            level=int(v["level"]),
            label=v["label"],
            description=v["description"],
            mine=v.get("mine", v["description"]),
        )
        for v in data["levels"]
    )
    bands = tuple(
        Band(code=b["code"], label=b["label"], low=int(b["from"]), high=int(b["to"]), mine=b.get("mine", b["label"]))
        for b in data["bands"]
    )
    return Instrument(
        **common,
        scale_min=min(v.level for v in levels),
        scale_max=max(v.level for v in levels),
        scale_labels={v.level: v.label for v in levels},
        levels=levels,
        bands=bands,
    )


def _all() -> dict[tuple[str, int], Instrument]:
    return _all_in(get_language() or settings.LANGUAGE_CODE)


@cache
def _all_in(language: str) -> dict[tuple[str, int], Instrument]:
    """The instruments with their words in `language` (alliances/core/data_i18n.py)."""
    with override(language):
        return _read()


def _read() -> dict[tuple[str, int], Instrument]:
    found: dict[tuple[str, int], Instrument] = {}
    for path in sorted(DIRECTORY.glob("*.json")):
        match = _FILE.match(path.name)
        if match is None:
            continue
        instrument = _parse(translated(json.loads(path.read_text(encoding="utf-8"))))
        if (instrument.code, instrument.version) != (match["code"], int(match["version"])):
            raise ValueError(f"{path.name}: code or version differs from the file name")
        found[(instrument.code, instrument.version)] = instrument
    return found


def instrument_get(code: str, version: int | None = None) -> Instrument | None:
    """An instrument by code: the given version, or the latest one. None when unknown."""
    versions = [v for (c, v) in _all() if c == code]
    if not versions:
        return None
    wanted = max(versions) if version is None else version
    return _all().get((code, wanted))


def instrument_codes() -> list[str]:
    return sorted({code for code, _ in _all()})
