"""Geometry of the server-drawn SVG charts (no JavaScript): the circle of allies, the bonds radar,
the ladder line. Templates draw them; each chart comes with a text alternative in its template."""

import math
from dataclasses import dataclass

#: Link types as colours, and as dash patterns so that colour is never the only cue.
LINK_STYLES: dict[str, tuple[str, str]] = {
    "consideration": ("#000091", ""),
    "capacitation": ("#18753c", "8 4"),
    "adaptation": ("#b34000", "2 4"),
    "facilitation": ("#6e445a", "10 4 2 4"),
}
#: Sides of a reading: the person's and the worker's.
SIDE_STYLES: dict[str, tuple[str, str]] = {"person": ("#000091", ""), "worker": ("#b34000", "6 4")}


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def _n(value: float) -> str:
    """SVG numbers: always a dot, whatever the locale templates format numbers in."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class CircleNode:
    x: str
    y: str
    name_y: str
    role_y: str
    name: str
    role: str
    lines: list[dict[str, object]]
    initials: str = ""


CIRCLE_BASE = 480
NAME_FONT, ROLE_FONT = 12, 11
#: Estimated width of a character at each font size (generous, for bold and accented letters).
NAME_CHAR, ROLE_CHAR = 7.0, 6.5
#: The initials in each node: a share of the drawing's width, so that they read at 10 px or more when the
#: drawing is shown 263 px wide on a phone (where the names are hidden: the list under it gives them).
INITIALS_FONT = 1 / 21


def _label_box(node: "CircleNode") -> tuple[float, float, float, float]:
    x, name_y, role_y = float(node.x), float(node.name_y), float(node.role_y)
    width = max(len(node.name) * NAME_CHAR, len(node.role) * ROLE_CHAR)
    return (x - width / 2, min(name_y, role_y) - NAME_FONT, x + width / 2, max(name_y, role_y) + 3)


def _crosses(x1: float, y1: float, x2: float, y2: float, box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    return any(
        left <= x1 + (x2 - x1) * i / 100 <= right and top <= y1 + (y2 - y1) * i / 100 <= bottom for i in range(101)
    )


def circle_fits(nodes: list["CircleNode"], size: float) -> bool:
    """Every label inside the drawing, crossed by no link line, touching no other label."""
    c = size / 2
    boxes = [_label_box(node) for node in nodes]
    for box in boxes:
        if box[0] < 0 or box[1] < 0 or box[2] > size or box[3] > size:
            return False
        if any(_crosses(c, c, float(node.x), float(node.y), box) for node in nodes):
            return False
    return not any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for i, a in enumerate(boxes) for b in boxes[i + 1 :]
    )


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.replace(".", "").split()[:2]).upper()


def _circle_nodes(members: list[tuple[str, str, list[str]]], size: int) -> list["CircleNode"]:
    c = size / 2
    ring = size / 2 - 110
    count = max(len(members), 1)
    nodes: list[CircleNode] = []
    for index, (name, role, types) in enumerate(members):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x, y = _point(c, c, ring, angle)
        lines: list[dict[str, object]] = []
        for offset_index, code in enumerate(types):
            colour, dash = LINK_STYLES.get(code, ("#3a3a3a", ""))
            offset = (offset_index - (len(types) - 1) / 2) * 5
            dx, dy = -math.sin(angle) * offset, math.cos(angle) * offset
            lines.append(
                {"x1": _n(c + dx), "y1": _n(c + dy), "x2": _n(x + dx), "y2": _n(y + dy), "colour": colour, "dash": dash}
            )
        above = math.sin(angle) < -0.2  # the upper half: the lines come from below
        name_y, role_y = (y - 52, y - 37) if above else (y + 44, y + 59)
        nodes.append(
            CircleNode(
                x=_n(x),
                y=_n(y),
                name_y=_n(name_y),
                role_y=_n(role_y),
                name=name,
                role=role,
                lines=lines,
                initials=_initials(name),
            )
        )
    return nodes


def circle_chart(members: list[tuple[str, str, list[str]]]) -> dict[str, object]:
    """members: (short name, short role, link type codes). The person in the centre, allies on a ring. Each
    ally's name and role sit on the far side of their node from the centre (above the nodes of the upper
    half, below the others), so that no link line crosses them; the drawing grows until no label touches
    another, whatever the number of allies."""
    size = CIRCLE_BASE
    nodes = _circle_nodes(members, size)
    while not circle_fits(nodes, size) and size < 4 * CIRCLE_BASE:
        size += 20
        nodes = _circle_nodes(members, size)
    c = size / 2
    return {
        "size": size,
        "centre": _n(c),
        "ring": _n(size / 2 - 110),
        "centre_text_y": _n(c + 5),
        "initials_font": _n(size * INITIALS_FONT),
        "initials_dy": _n(size * INITIALS_FONT * 0.35),
        "nodes": nodes,
    }


def radar_chart(axes: list[str], series: list[dict[str, object]], scale_max: int, size: int = 360) -> dict[str, object]:
    """axes: labels; series: {"label", "values" (None for not answered), "side", "opacity"}."""
    # Wider than tall: the axis labels left and right need room.
    width, height = size + 200, size
    cx, c = width / 2, size / 2
    radius = size / 2 - 60
    n = max(len(axes), 1)
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    rings = [
        {"points": " ".join(f"{_n(x)},{_n(y)}" for x, y in (_point(cx, c, radius * k / scale_max, a) for a in angles))}
        for k in range(1, scale_max + 1)
    ]
    spokes = []
    for label, angle in zip(axes, angles, strict=True):
        x, y = _point(cx, c, radius, angle)
        lx, ly = _point(cx, c, radius + 14, angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        spokes.append({"x": _n(x), "y": _n(y), "lx": _n(lx), "ly": _n(ly), "label": label, "anchor": anchor})
    drawn = []
    for item in series:
        values = item["values"]
        assert isinstance(values, list)
        points = [_point(cx, c, radius * (v or 0) / scale_max, a) for v, a in zip(values, angles, strict=True)]
        colour, dash = SIDE_STYLES.get(str(item.get("side")), ("#3a3a3a", ""))
        drawn.append(
            {
                **item,
                "points": " ".join(f"{_n(x)},{_n(y)}" for x, y in points),
                "dots": [{"x": _n(x), "y": _n(y)} for x, y in points],
                "colour": colour,
                "dash": dash,
            }
        )
    return {
        "width": width,
        "height": height,
        "cx": _n(cx),
        "cy": _n(c),
        "rings": rings,
        "spokes": spokes,
        "series": drawn,
    }


def line_chart(
    dates: list[str], series: list[dict[str, object]], low: int, high: int, bands: list[tuple[int, int, str]]
) -> dict[str, object]:
    """Ladder levels over time. dates: x labels in order; series: {"side", "label", "values" (None gaps)}."""
    width, height, left, right, top, bottom = 640, 300, 48, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(dates) - 1, 1)

    def y_of(value: float) -> float:
        return round(top + plot_h * (high - value) / (high - low), 1)

    xs = [round(left + step * i, 1) if len(dates) > 1 else left + plot_w / 2 for i in range(len(dates))]
    shaded = []
    for index, (band_low, band_high, label) in enumerate(bands):
        y_top, y_bottom = y_of(min(band_high + 0.5, high)), y_of(max(band_low - 0.5, low))
        shaded.append({"y": _n(y_top), "height": _n(y_bottom - y_top), "label": label, "index": index})
    ticks = [{"y": _n(y_of(v)), "label": v} for v in range(low, high + 1)]
    drawn = []
    for item in series:
        values = item["values"]
        assert isinstance(values, list)
        dots = [{"x": _n(x), "y": _n(y_of(v)), "value": v} for x, v in zip(xs, values, strict=True) if v is not None]
        colour, dash = SIDE_STYLES.get(str(item.get("side")), ("#3a3a3a", ""))
        drawn.append(
            {
                **item,
                "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
                "dots": dots,
                "colour": colour,
                "dash": dash,
            }
        )
    # The first and last dates are anchored inwards, so that no label runs off the drawing.
    anchors = ["start"] + ["middle"] * (len(dates) - 2) + ["end"] if len(dates) > 1 else ["middle"]
    labels = [{"x": _n(x), "label": d, "anchor": a} for x, d, a in zip(xs, dates, anchors, strict=True)]
    return {
        "width": width,
        "height": height,
        "left": _n(left),
        "plot_width": _n(plot_w),
        "tick_x": _n(left - 8),
        "label_y": _n(height - bottom + 20),
        "bands": shaded,
        "ticks": ticks,
        "series": drawn,
        "labels": labels,
    }
