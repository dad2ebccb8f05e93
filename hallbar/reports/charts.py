"""A report's charts: plain data (from :mod:`hallbar.web.charts` specs) laid out as vector shapes.

A chart in a report's content is a dict ``{"kind": "line"|"bar", "title", "unit", "x_title",
"x_labels": [...], "series": [{"label", "kind", "values": [number or None, ...]}]}`` — JSON, so it is
frozen with the version. :func:`layout` turns it into a :class:`hallbar.core.drawing.Drawing` that the
PDF draws as paths and Word gets as SVG; the XLSX writer makes a native Excel chart of the same data.
Lines differ by dash pattern as well as colour, and every chart is followed by its table.
"""

import math

from hallbar.core.drawing import Drawing, Line, Rect, Text
from hallbar.web.charts import BarChart, LineChart, Series, format_number

WIDTH, HEIGHT = 170.0, 80.0
LEFT, RIGHT, TOP, BOTTOM = 18.0, 4.0, 9.0, 22.0
COLOURS = [(31, 92, 153), (196, 78, 0), (46, 125, 50), (123, 31, 162), (90, 90, 90), (0, 131, 143)]
DASHES = {"measured": 0, "target": 1.6, "trend": 0.6, "peer_median": 1.0}
AXIS = (120, 120, 120)
GRID = (225, 225, 225)


def from_spec(spec: LineChart | BarChart) -> dict:
    """The JSON form of a chart spec (peer bands are left out: their numbers are in the page's table)."""
    kind = "bar" if isinstance(spec, BarChart) else "line"
    labels = spec.categories if kind == "bar" else spec.x_labels
    series = [one for one in spec.series if not one.is_band]
    return {
        "kind": kind,
        "title": str(spec.title),
        "unit": str(spec.unit),
        "x_title": str(getattr(spec, "x_title", "") or getattr(spec, "category_title", "")),
        "x_labels": [str(label) for label in labels],
        "series": [series_of(one) for one in series],
    }


def series_of(one: Series) -> dict:
    return {"label": str(one.label), "kind": str(one.kind), "values": [_number(v) for v in one.values]}


def _number(value):
    return None if value is None else float(value)


def table_of(chart: dict) -> tuple[list[str], list[list]]:
    """The chart's numbers as a table: one row per x label, one column per series."""
    headers = [chart["x_title"] or "", *(one["label"] for one in chart["series"])]
    rows = [
        [label, *(one["values"][index] for one in chart["series"])] for index, label in enumerate(chart["x_labels"])
    ]
    return headers, rows


def _nice_range(values: list[float]) -> tuple[float, float, float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    if high == low:
        high = low + 1
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return (low // step) * step, -(-high // step) * step, step


def layout(chart: dict) -> Drawing:
    """The chart as shapes: title, axes with a scale, the lines or bars, and a legend below."""
    drawing = Drawing(WIDTH, HEIGHT, title=chart["title"])
    shapes = drawing.shapes
    title = f"{chart['title']} ({chart['unit']})" if chart["unit"] else chart["title"]
    shapes.append(Text(0, 4, title, size=8))
    values = [v for one in chart["series"] for v in one["values"] if v is not None]
    if chart["kind"] == "bar" and values:
        values = values + [
            sum(v or 0 for v in column) for column in zip(*(s["values"] for s in chart["series"]), strict=True)
        ]
    low, high, step = _nice_range(values or [0.0])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    tick = low
    while tick <= high + step / 1000:
        y = y_of(tick)
        shapes.append(Line(((LEFT, y), (LEFT + plot_w, y)), GRID, 0.2))
        shapes.append(Text(LEFT - 1.5, y + 1, format_number(round(tick, 6)), size=6, anchor="end", colour=AXIS))
        tick += step
    shapes.append(Line(((LEFT, TOP), (LEFT, TOP + plot_h), (LEFT + plot_w, TOP + plot_h)), AXIS, 0.3))
    count = max(len(chart["x_labels"]), 1)
    slot = plot_w / count
    every = max(1, round(count / 12))
    for index, label in enumerate(chart["x_labels"]):
        if index % every == 0:
            text = label if len(label) <= 14 else label[:13] + "…"
            shapes.append(Text(LEFT + slot * (index + 0.5), TOP + plot_h + 4, text, size=6, anchor="middle"))
    if chart["kind"] == "bar":
        _bars(chart, shapes, y_of, slot, low)
    else:
        _lines(chart, shapes, y_of, slot)
    _legend(chart, shapes)
    return drawing


def _lines(chart, shapes, y_of, slot) -> None:
    for number, one in enumerate(chart["series"]):
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES.get(one["kind"], 0)
        run: list[tuple[float, float]] = []
        for index, value in enumerate([*one["values"], None]):
            if value is None:
                if len(run) > 1:
                    shapes.append(Line(tuple(run), colour, 0.5, dash))
                elif run:  # a single value: a small square
                    x, y = run[0]
                    shapes.append(Rect(x - 0.7, y - 0.7, 1.4, 1.4, colour))
                run = []
            else:
                run.append((LEFT + slot * (index + 0.5), y_of(value)))


def _bars(chart, shapes, y_of, slot, low) -> None:
    width = slot * 0.6
    for index in range(len(chart["x_labels"])):
        base = max(low, 0.0)
        for number, one in enumerate(chart["series"]):
            value = one["values"][index] or 0
            if not value:
                continue
            top, bottom = y_of(base + value), y_of(base)
            x = LEFT + slot * index + (slot - width) / 2
            shapes.append(Rect(x, min(top, bottom), width, abs(bottom - top), COLOURS[number % len(COLOURS)]))
            base += value


def _legend(chart, shapes) -> None:
    x, y = LEFT, HEIGHT - 8
    for number, one in enumerate(chart["series"]):
        colour = COLOURS[number % len(COLOURS)]
        if chart["kind"] == "bar":
            shapes.append(Rect(x, y - 2.2, 3, 2.4, colour))
        else:
            shapes.append(Line(((x, y - 1), (x + 6, y - 1)), colour, 0.5, DASHES.get(one["kind"], 0)))
        label = one["label"] if len(one["label"]) <= 40 else one["label"][:39] + "…"
        shapes.append(Text(x + 7.5, y, label, size=6))
        x += 10 + len(label) * 1.3
        if x > WIDTH - 40:
            x, y = LEFT, y + 4
