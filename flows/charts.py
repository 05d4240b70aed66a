"""Static SVG charts for the report pages: pure geometry, no I/O.

A chart is a dict the templates draw (`templates/report/_charts.html.j2`): its size, its axes'
ticks and labels, and its lines of points already scaled to pixels. The points keep what the page
shows beside them (a label, a link, a flag), so a chart is readable without scripts.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 560, 200
MARGIN = {"left": 64, "right": 16, "top": 14, "bottom": 28}
# one colour per line (a period, or a run measure), in the order the lines come
PALETTE = ("#1f6fb4", "#d9730d", "#2e8b57", "#8e44ad", "#b8860b", "#c0392b", "#5d6d7e", "#16a085")

_SCALES = ((1e12, "trn"), (1e9, "bn"), (1e6, "mn"))


@dataclass
class Point:
    x: float                 # in data units (a year, a run's position)
    y: float
    label: str = ""          # what a reader sees on hover (<title>)
    href: str | None = None  # where the point came from
    marked: bool = False     # flagged or conflicting
    target: bool = False     # a plan, drawn hollow


@dataclass
class Line:
    name: str
    points: list[Point] = field(default_factory=list)


def short(value: float | None, unit: str | None = None) -> str:
    """A value as a reader writes it: 46.8 bn CNY, 7.3 %, 12,400 person."""
    if value is None:
        return "-"
    if unit == "percent":
        return f"{value:g} %"
    if unit == "percentage_point":
        return f"{value:g} pp"
    for scale, word in _SCALES:
        if abs(value) >= scale:
            text = f"{value / scale:.4g} {word}"
            break
    else:
        text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
    return f"{text} {unit}" if unit and unit not in ("count", "other") else text


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About `count` round tick values covering [low, high]."""
    if not math.isfinite(low) or not math.isfinite(high):
        return []
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step)
    first = math.floor(low / step) * step
    ticks, tick = [], first
    while tick <= high + step * 1e-9:
        ticks.append(round(tick, 10))
        tick += step
    if ticks[-1] < high:
        ticks.append(round(tick, 10))
    return ticks


def _x_ticks(xs: list[float]) -> list[float]:
    low, high = min(xs), max(xs)
    if high - low <= 8:
        return [float(x) for x in range(math.floor(low), math.ceil(high) + 1)]
    return nice_ticks(low, high, 6)


def _year(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def line_chart(lines: list[Line], unit: str | None = None, x_label=_year) -> dict:
    """The chart of `lines` (points in data units) scaled to pixels, with ticks on both axes.
    `x_label` writes an x tick (a year as "2024", a run's position as its date)."""
    lines = [line for line in lines if line.points]
    xs = [p.x for line in lines for p in line.points]
    ys = [p.y for line in lines for p in line.points]
    if not xs:
        return {"width": WIDTH, "height": HEIGHT, "lines": [], "x_ticks": [], "y_ticks": []}
    x_ticks = _x_ticks(xs)
    x_low, x_high = min(x_ticks[0], min(xs)), max(x_ticks[-1], max(xs))
    if x_high == x_low:
        x_low, x_high = x_low - 1, x_high + 1
    y_low, y_high = min(ys), max(ys)
    if unit not in ("percent", "percentage_point") and y_low > 0:
        y_low = 0.0  # levels from zero: a small change does not look like a crash
    y_ticks = nice_ticks(y_low, y_high)
    y_low, y_high = min(y_ticks[0], y_low), max(y_ticks[-1], y_high)
    left, right = MARGIN["left"], WIDTH - MARGIN["right"]
    top, bottom = MARGIN["top"], HEIGHT - MARGIN["bottom"]

    def px(x: float) -> float:
        return round(left + (x - x_low) / (x_high - x_low) * (right - left), 1)

    def py(y: float) -> float:
        return round(bottom - (y - y_low) / (y_high - y_low) * (bottom - top), 1)

    drawn = []
    for i, line in enumerate(lines):
        points = sorted(line.points, key=lambda p: p.x)
        drawn.append({
            "name": line.name, "colour": PALETTE[i % len(PALETTE)],
            "path": " ".join(f"{px(p.x)},{py(p.y)}" for p in points if not p.target),
            "points": [{"cx": px(p.x), "cy": py(p.y), "label": p.label, "href": p.href, "marked": p.marked,
                        "target": p.target} for p in points],
        })
    return {
        "width": WIDTH, "height": HEIGHT, "lines": drawn,
        "left": left, "right": right, "top": top, "bottom": bottom,
        "x_ticks": [{"at": px(x), "label": x_label(x)} for x in x_ticks],
        "y_ticks": [{"at": py(y), "label": short(y, unit if unit in ("percent", "percentage_point") else None)}
                    for y in y_ticks],
    }
