"""Turns selector results into what the alliance templates draw: charts and their text alternatives."""

from dataclasses import replace
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy

from alliances.assessments.enums import Side
from alliances.assessments.selectors import PersonReadings
from alliances.circles.enums import AllyRole, LinkType
from alliances.circles.models import Ally
from alliances.core.words import Words

from .charts import LINK_STYLES, SIDE_STYLES, circle_chart, line_chart, radar_chart

SIDE_LABELS: dict[str, str] = {side: str(label) for side, label in Side.choices}
#: The two sides, as the person's own space names them.
OWN_SIDE_LABELS: dict[str, Words] = {
    Side.PERSON.value: gettext_lazy("Vous"),
    Side.WORKER.value: gettext_lazy("Votre référent·e"),
}


def link_legend() -> list[dict[str, str]]:
    return [
        {"code": code, "label": str(label), "colour": LINK_STYLES[code][0], "dash": LINK_STYLES[code][1]}
        for code, label in LinkType.choices
    ]


#: The role as the drawing shows it, in a word (the list under the drawing gives the whole of it).
SHORT_ROLES = {
    AllyRole.REFERENT: gettext_lazy("Référent·e"),
    AllyRole.MEDIATOR: gettext_lazy("Médiateur·rice"),
    AllyRole.PEER: gettext_lazy("Pair"),
    AllyRole.PARTNER: gettext_lazy("Partenaire"),
    AllyRole.OTHER: gettext_lazy("Proche"),
}
SHORT_NOTE = 16


def _short_name(name: str) -> str:
    """« Samira K. »: the first name and the initial of the last one."""
    first, _, last = name.strip().partition(" ")
    return f"{first} {last[0]}." if last else first


def _short_role(ally: Ally) -> str:
    """A chosen ally shows who they are for the person (« ma sœur »), when she said it briefly."""
    if ally.role == AllyRole.OTHER and ally.note and len(ally.note) <= SHORT_NOTE:
        return ally.note
    return str(SHORT_ROLES.get(AllyRole(ally.role), ""))


def circle_context(circle: dict[str, Any], name: str, label: str) -> dict[str, Any]:
    members = circle["members"]
    chart = circle_chart(
        [(_short_name(m.name), _short_role(m.ally), [code for code, _ in m.link_types]) for m in members]
    )
    return {
        "members": members,
        "handovers": circle["handovers"],
        "chart": chart,
        "legend": link_legend(),
        "centre_name": name,
        "centre_label": label,
        "link_choices": LinkType.choices,
    }


def _side_legend(sides: dict[str, Words] | dict[str, str]) -> list[dict[str, str]]:
    return [
        {"side": side, "label": str(sides[side]), "colour": colour, "dash": dash}
        for side, (colour, dash) in SIDE_STYLES.items()
    ]


def _ladder_cell(readings: PersonReadings, side: str, day: date, own: bool) -> dict[str, Any] | None:
    level = next((int(r.values["level"]) for r in readings.ladder_history[side] if r.taken_on == day), None)
    if level is None:
        return None
    found, band = readings.ladder.level(level), readings.ladder.band(level)
    if own:
        return {"level": level, "label": found.mine, "band": band.mine}
    return {"level": level, "label": found.label, "band": band.label}


def bonds_context(readings: PersonReadings, *, own: bool = False) -> dict[str, Any]:
    """`own`: the person's own space, which names each bond, level and side in their words."""
    instrument = readings.bonds
    sides = OWN_SIDE_LABELS if own else SIDE_LABELS
    axes = [bond.mine_short if own else bond.short for bond in instrument.bonds]
    latest = []
    for side in Side.values:
        reading = readings.latest_bonds(side)
        if reading is not None:
            latest.append(
                {
                    "label": f"{sides[side]}, le {reading.reading.taken_on:%d/%m/%Y}",
                    "side": side,
                    "values": [s.score for s in reading.scores],
                    "opacity": 1,
                }
            )
    history_charts = []
    for side in Side.values:
        history = readings.bonds_history[side]
        if len(history) > 1:
            count = len(history)
            series = [
                {
                    "label": f"{r.reading.taken_on:%d/%m/%Y}",
                    "side": side,
                    "values": [s.score for s in r.scores],
                    "opacity": round(0.25 + 0.75 * (i + 1) / count, 2),
                }
                for i, r in enumerate(history)
            ]
            history_charts.append(
                {"side": side, "label": sides[side], "chart": radar_chart(axes, series, instrument.scale_max)}
            )
    # Ladder: one x position per date on which either side made a reading.
    ladder = readings.ladder
    dates = sorted({r.taken_on for side in Side.values for r in readings.ladder_history[side]})
    ladder_series: list[dict[str, object]] = []
    for side in Side.values:
        by_date = {r.taken_on: int(r.values["level"]) for r in readings.ladder_history[side]}
        if by_date:
            ladder_series.append({"side": side, "label": sides[side], "values": [by_date.get(d) for d in dates]})
    ladder_rows = [{"date": d, "levels": [_ladder_cell(readings, side, d, own) for side in Side.values]} for d in dates]
    latest_ladder = {
        side: (
            {"reading": r, "level": ladder.level(int(r.values["level"])), "band": ladder.band(int(r.values["level"]))}
            if (r := readings.latest_ladder(side))
            else None
        )
        for side in Side.values
    }
    bands = [(b.low, b.high, b.mine if own else b.label) for b in ladder.bands]
    dimensions = readings.dimensions
    bond_words = {b.code: b.mine for b in instrument.bonds}
    dimension_rows = [
        {
            "label": d.prompt if own else d.label,
            "group": d.group,
            "sides": [
                {
                    # The latest words given for this dimension (a later reading that left it empty
                    # does not hide them), and the earlier ones beneath.
                    "words": words[0][1] if (words := readings.words_of(side, d.code)) else "",
                    "words_on": words[0][0] if words else None,
                    "earlier": words[1:],
                    "intensity": (r.values.get(d.code) if (r := readings.dimensions_latest[side]) else None),
                }
                for side in Side.values
            ],
        }
        for d in (*dimensions.dimensions, *dimensions.factors)
    ]
    return {
        "readings": readings,
        "instrument": instrument,
        "gaps": [replace(gap, label=bond_words[gap.code]) for gap in readings.gaps] if own else readings.gaps,
        "bond_labels": [b.mine if own else b.label for b in instrument.bonds],
        "rupture": readings.rupture,
        "latest_person": readings.latest_bonds(Side.PERSON),
        "latest_worker": readings.latest_bonds(Side.WORKER),
        "radar": radar_chart(axes, latest, instrument.scale_max) if latest else None,
        "radar_series": latest,
        "history_charts": history_charts,
        "bonds_history": [r for side in Side.values for r in readings.bonds_history[side]],
        "side_legend": _side_legend(sides),
        "ladder_chart": line_chart([f"{d:%d/%m/%Y}" for d in dates], ladder_series, 1, 10, bands) if dates else None,
        "ladder_rows": ladder_rows,
        "latest_ladder": latest_ladder,
        "ladder_bands": [b.mine if own else b.label for b in ladder.bands],
        "dimension_rows": dimension_rows,
        "dimensions_any": any(readings.dimensions_latest.values()),
        "side_labels": [sides[side] for side in Side.values],
        "scale_labels": instrument.scale_labels,
    }
