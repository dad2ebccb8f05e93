"""Charts as plain data: build a :class:`LineChart`, :class:`BarChart` or :class:`RadarChart`, render it with
``{% chart %}``.

An app computes the numbers it wants to show (from its own queries) and hands a spec to the template::

    from hallbar.web.charts import LineChart, Series, SeriesKind

    spec = LineChart(
        title=_("Greenhouse gas emissions"),
        unit=_("tonnes CO₂e per inhabitant"),
        x_labels=[2019, 2020, 2021, 2022],
        series=[
            Series(_("Measured"), [5.1, None, 4.6, 4.4]),          # None = no value that year (a gap)
            Series(_("Target"), [None, None, None, 3.0], SeriesKind.TARGET),
            Series.band(_("Similar municipalities"), lower=[4, 4, 3.9, 3.8], upper=[6, 5.8, 5.5, 5.4]),
        ],
    )

    {% load charts %}{% chart spec %}

The tag renders a ``<figure>``: caption, a ``<canvas role="img">`` whose label summarises the data, and
the same data as a real table (in a ``<details>``), numbers formatted for the active language. The
canvas is drawn by ``static/hallbar/charts.js`` from the ``json_script`` data in the figure; without
JavaScript the table still holds everything. This module knows nothing about models: it only formats
numbers and text. See docs/decisions/0010-charts.md.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from hallbar.core import numbers

# The vendored Chart.js build (pinned in package.json, copied by `make vendor`). Change both together.
CHART_LIBRARY = "vendor/chart-4.6.1.umd.min.js"

# With ``decimals=None`` a value is shown with at most this many decimals, trailing zeros dropped.
AUTO_DECIMALS = 3

Number = int | float | Decimal


class SeriesKind(StrEnum):
    """What a line stands for; each kind is drawn with its own dash pattern and point shape."""

    MEASURED = "measured"  # solid line, round points
    TARGET = "target"  # dashed line, triangles
    TREND = "trend"  # dotted line, no points
    PEER_MEDIAN = "peer_median"  # dash-dot line, diamonds
    PEER_BAND = "peer_band"  # shaded area between the lower and upper quartile of peers


def _clean(value, label: str) -> Number | None:
    """A number or None; NaN and infinities count as missing (a gap), anything else is an error."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"Series {label!r}: {value!r} is not a number (use None for a missing value)")
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@dataclass(frozen=True)
class Series:
    """One line (or one bar colour): a label and one value per x label, ``None`` where there is none.

    A :attr:`SeriesKind.PEER_BAND` series has two rows of values: ``values`` are the lower quartile,
    ``upper`` the upper quartile. Build it with :meth:`Series.band`.
    """

    label: str
    values: Sequence[Number | None]
    kind: SeriesKind = SeriesKind.MEASURED
    upper: Sequence[Number | None] | None = None

    def __post_init__(self):
        object.__setattr__(self, "kind", SeriesKind(self.kind))
        object.__setattr__(self, "values", tuple(_clean(v, self.label) for v in self.values))
        if self.kind == SeriesKind.PEER_BAND:
            if self.upper is None:
                raise ValueError(f"Series {self.label!r}: a peer quartile band needs upper values")
            upper = tuple(_clean(v, self.label) for v in self.upper)
            if len(upper) != len(self.values):
                raise ValueError(f"Series {self.label!r}: {len(self.values)} lower but {len(upper)} upper values")
            object.__setattr__(self, "upper", upper)
        elif self.upper is not None:
            raise ValueError(f"Series {self.label!r}: only a peer_band series has upper values")

    @classmethod
    def band(cls, label: str, lower: Sequence[Number | None], upper: Sequence[Number | None]) -> Series:
        """The range between peers' lower and upper quartile, drawn as a shaded band."""
        return cls(label, lower, SeriesKind.PEER_BAND, upper)

    @property
    def is_band(self) -> bool:
        return self.kind == SeriesKind.PEER_BAND


def _check_lengths(series: Sequence[Series], count: int, what: str) -> None:
    for one in series:
        if len(one.values) != count:
            raise ValueError(f"Series {one.label!r} has {len(one.values)} values for {count} {what}")


@dataclass(frozen=True)
class LineChart:
    """Values over time: x labels are years or periods, one :class:`Series` per line.

    ``decimals`` fixes the decimals shown (None: up to three, trailing zeros dropped); ``x_title``
    heads the table's first column (default "Period"); ``description`` is shown under the title.
    """

    title: str
    unit: str
    x_labels: Sequence[str | int]
    series: Sequence[Series]
    decimals: int | None = None
    x_title: str = ""
    description: str = ""
    begin_at_zero: bool = True

    def __post_init__(self):
        object.__setattr__(self, "x_labels", tuple(str(label) for label in self.x_labels))
        object.__setattr__(self, "series", tuple(self.series))
        _check_lengths(self.series, len(self.x_labels), "x labels")


@dataclass(frozen=True)
class BarChart:
    """Amounts per category (e.g. actions per unit), one :class:`Series` per colour, stacked by default.

    ``horizontal`` puts the categories on the vertical axis (better for long names such as units);
    ``category_title`` heads the table's first column (default "Category").
    """

    title: str
    unit: str
    categories: Sequence[str]
    series: Sequence[Series]
    stacked: bool = True
    horizontal: bool = False
    decimals: int | None = None
    category_title: str = ""
    description: str = ""

    def __post_init__(self):
        object.__setattr__(self, "categories", tuple(str(label) for label in self.categories))
        object.__setattr__(self, "series", tuple(self.series))
        _check_lengths(self.series, len(self.categories), "categories")
        for one in self.series:
            if one.kind != SeriesKind.MEASURED:
                raise ValueError(f"Series {one.label!r}: a bar chart only has measured series, not {one.kind}")


@dataclass(frozen=True)
class RadarChart:
    """Values on axes that share one scale (e.g. the stage reached in each dimension of a maturity
    model), one :class:`Series` per polygon (e.g. per year); ``None`` where an axis has no value.

    ``min_value``/``max_value`` fix the scale (``max_value=None``: up to the highest value) and
    ``step`` the distance between its rings. Three or more axes read best. The table has one row
    per axis (``axis_title`` heads its first column, default "Axis") and one column per series.
    """

    title: str
    unit: str
    axes: Sequence[str]
    series: Sequence[Series]
    min_value: Number = 0
    max_value: Number | None = None
    step: Number | None = None
    decimals: int | None = None
    axis_title: str = ""
    description: str = ""

    def __post_init__(self):
        object.__setattr__(self, "axes", tuple(str(label) for label in self.axes))
        object.__setattr__(self, "series", tuple(self.series))
        _check_lengths(self.series, len(self.axes), "axes")
        for one in self.series:
            if one.kind != SeriesKind.MEASURED:
                raise ValueError(f"Series {one.label!r}: a radar chart only has measured series, not {one.kind}")
        if self.max_value is not None and self.max_value <= self.min_value:
            raise ValueError(f"Radar chart {self.title!r}: the scale's maximum must be above its minimum")


# --- Formatting --------------------------------------------------------------------------------------


def format_number(value: Number, decimals: int | None = None, marks: tuple[str, str] | None = None) -> str:
    """``value`` in the active language's format (sv: ``12 345,6``; en: ``12,345.6``).

    Rounds half away from zero on the exact value, as the browser's ``Intl.NumberFormat`` does, so
    the table and the chart's tooltips agree. ``decimals=None``: up to three, trailing zeros dropped.
    """
    if decimals is None:
        return numbers.measure(value, AUTO_DECIMALS, marks)
    return numbers.format_fixed(numbers.rounded(value, decimals), marks or numbers.separators())


def _cell(value: Number | None, decimals: int | None, marks: tuple[str, str] | None = None) -> str | None:
    return None if value is None else format_number(value, decimals, marks)


def _with_unit(title: str, unit: str) -> str:
    return f"{title} ({unit})" if unit else str(title)


def _json_number(value: Number | None) -> float | int | None:
    if value is None or isinstance(value, int):
        return value
    return float(value)


def _band_labels(series: Series) -> tuple[str, str]:
    return (
        gettext("%(series)s, lower quartile") % {"series": series.label},
        gettext("%(series)s, upper quartile") % {"series": series.label},
    )


# --- Summaries for the canvas's aria-label -------------------------------------------------------------


def _points(values: Sequence[Number | None], labels: Sequence[str]) -> list[tuple[str, Number]]:
    return [(label, value) for label, value in zip(labels, values, strict=True) if value is not None]


def _series_summary(series: Series, labels: Sequence[str], decimals: int | None) -> str:
    if series.is_band:
        pairs = [
            (label, low, high)
            for label, low, high in zip(labels, series.values, series.upper, strict=True)
            if low is not None and high is not None
        ]
        if not pairs:
            return gettext("%(series)s: no values.") % {"series": series.label}
        label, low, high = pairs[-1]
        return gettext("%(series)s: %(lower)s to %(upper)s in %(period)s.") % {
            "series": series.label,
            "lower": format_number(low, decimals),
            "upper": format_number(high, decimals),
            "period": label,
        }
    points = _points(series.values, labels)
    if not points:
        return gettext("%(series)s: no values.") % {"series": series.label}
    if len(points) == 1:
        return gettext("%(series)s: %(value)s in %(period)s.") % {
            "series": series.label,
            "value": format_number(points[0][1], decimals),
            "period": points[0][0],
        }
    (first_label, first), (last_label, last) = points[0], points[-1]
    return gettext("%(series)s: %(first)s in %(first_period)s, %(last)s in %(last_period)s.") % {
        "series": series.label,
        "first": format_number(first, decimals),
        "first_period": first_label,
        "last": format_number(last, decimals),
        "last_period": last_label,
    }


def _line_summary(spec: LineChart) -> str:
    head = gettext("Line chart: %(title)s, %(start)s–%(end)s.") % {
        "title": _with_unit(spec.title, spec.unit),
        "start": spec.x_labels[0],
        "end": spec.x_labels[-1],
    }
    return " ".join([head, *(_series_summary(one, spec.x_labels, spec.decimals) for one in spec.series)])


def _sum(values: Sequence[Number]) -> Number:
    """The sum, also of a mix of Decimals and floats (which Python refuses to add)."""
    try:
        return sum(values)
    except TypeError:
        return sum(float(value) for value in values)


def _totals(spec: BarChart) -> list[Number | None]:
    totals = []
    for index in range(len(spec.categories)):
        present = [one.values[index] for one in spec.series if one.values[index] is not None]
        totals.append(_sum(present) if present else None)
    return totals


def _bar_summary(spec: BarChart, totals: Sequence[Number | None]) -> str:
    count = len(spec.categories)
    parts = [
        ngettext("Bar chart: %(title)s, %(count)d category.", "Bar chart: %(title)s, %(count)d categories.", count)
        % {"title": _with_unit(spec.title, spec.unit), "count": count}
    ]
    for one in spec.series:
        present = [value for value in one.values if value is not None]
        if present:
            parts.append(
                gettext("%(series)s: %(value)s in total.")
                % {"series": one.label, "value": format_number(_sum(present), spec.decimals)}
            )
        else:
            parts.append(gettext("%(series)s: no values.") % {"series": one.label})
    known = [(total, label) for label, total in zip(spec.categories, totals, strict=True) if total is not None]
    if known:
        highest, label = max(known, key=lambda pair: pair[0])
        parts.append(
            gettext("Highest: %(category)s, %(value)s.")
            % {"category": label, "value": format_number(highest, spec.decimals)}
        )
    return " ".join(parts)


def _axes_at(points: list[tuple[str, Number]], value: Number) -> str:
    return ", ".join(label for label, one in points if one == value)


def _radar_summary(spec: RadarChart) -> str:
    """Per series the axes with its highest and lowest value (ties named together)."""
    count = len(spec.axes)
    parts = [
        ngettext("Radar chart: %(title)s, %(count)d axis.", "Radar chart: %(title)s, %(count)d axes.", count)
        % {"title": _with_unit(spec.title, spec.unit), "count": count}
    ]
    if spec.max_value is not None:
        parts.append(
            gettext("Scale from %(min)s to %(max)s.")
            % {"min": format_number(spec.min_value, spec.decimals), "max": format_number(spec.max_value, spec.decimals)}
        )
    for one in spec.series:
        points = _points(one.values, spec.axes)
        if not points:
            parts.append(gettext("%(series)s: no values.") % {"series": one.label})
            continue
        highest = max(value for _label, value in points)
        lowest = min(value for _label, value in points)
        parts.append(
            gettext("%(series)s: highest %(highest_axes)s (%(highest)s), lowest %(lowest_axes)s (%(lowest)s).")
            % {
                "series": one.label,
                "highest_axes": _axes_at(points, highest),
                "highest": format_number(highest, spec.decimals),
                "lowest_axes": _axes_at(points, lowest),
                "lowest": format_number(lowest, spec.decimals),
            }
        )
    return " ".join(parts)


# --- The context for web/charts/chart.html ---------------------------------------------------------------


def _columns_and_data(spec: LineChart | BarChart | RadarChart) -> tuple[list[str], list[dict]]:
    columns, data = [], []
    for one in spec.series:
        entry = {"label": str(one.label), "kind": str(one.kind), "values": [_json_number(v) for v in one.values]}
        if one.is_band:
            lower_label, upper_label = _band_labels(one)
            columns += [lower_label, upper_label]
            entry.update(upper=[_json_number(v) for v in one.upper], lowerLabel=lower_label, upperLabel=upper_label)
        else:
            columns.append(str(one.label))
        data.append(entry)
    return columns, data


def _row_cells(spec: LineChart | BarChart | RadarChart, index: int, marks: tuple[str, str]) -> list[str | None]:
    cells = []
    for one in spec.series:
        cells.append(_cell(one.values[index], spec.decimals, marks))
        if one.is_band:
            cells.append(_cell(one.upper[index], spec.decimals, marks))
    return cells


def table_html(table: dict, table_id: str) -> SafeString:
    """The chart's data table, built here rather than in a template: a chart can hold hundreds of
    cells, and this is the hot path of the pages that show charts."""
    no_value = (
        '<span aria-hidden="true">–</span><span class="visually-hidden">' + escape(gettext("no value")) + "</span>"
    )
    head = "".join(f'<th scope="col" class="num">{escape(column)}</th>' for column in table["columns"])
    body = "".join(
        f'<tr><th scope="row">{escape(row["label"])}</th>'
        + "".join(f'<td class="num">{no_value if cell is None else escape(cell)}</td>' for cell in row["cells"])
        + "</tr>"
        for row in table["rows"]
    )
    return mark_safe(  # every piece above is escaped
        f'<div class="chart__table-scroll" tabindex="0" role="region" aria-labelledby="{escape(table_id)}">'
        f'<table class="table table--compact chart__table"><caption id="{escape(table_id)}">{escape(table["caption"])}'
        f'</caption><thead><tr><th scope="col">{escape(table["corner"])}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def chart_context(spec: LineChart | BarChart | RadarChart, html_id: str | None = None) -> dict:
    """Everything ``web/charts/chart.html`` shows, formatted in the active language."""
    if not isinstance(spec, LineChart | BarChart | RadarChart):
        raise TypeError(f"{{% chart %}} needs a LineChart or BarChart or RadarChart, not {type(spec).__name__}")
    is_line = isinstance(spec, LineChart)
    is_radar = isinstance(spec, RadarChart)
    kind = "line" if is_line else "radar" if is_radar else "bar"
    labels = spec.x_labels if is_line else spec.axes if is_radar else spec.categories
    columns, series_data = _columns_and_data(spec)
    marks = numbers.separators()
    rows = [{"label": label, "cells": _row_cells(spec, index, marks)} for index, label in enumerate(labels)]
    empty = not labels or not any(
        value is not None for one in spec.series for value in (*one.values, *(one.upper or ()))
    )
    if is_line:
        summary = "" if empty else _line_summary(spec)
        corner = spec.x_title or gettext("Period")
    elif is_radar:
        summary = "" if empty else _radar_summary(spec)
        corner = spec.axis_title or gettext("Axis")
    else:
        totals = _totals(spec)
        summary = "" if empty else _bar_summary(spec, totals)
        corner = spec.category_title or gettext("Category")
        if spec.stacked and len(spec.series) > 1:
            columns.append(gettext("Total"))
            for row, total in zip(rows, totals, strict=True):
                row["cells"].append(_cell(total, spec.decimals, marks))
    html_id = html_id or f"chart-{secrets.token_hex(4)}"
    table = {"caption": _with_unit(spec.title, spec.unit), "corner": corner, "columns": columns, "rows": rows}
    data = {
        "type": kind,
        "labels": list(labels),
        "unit": str(spec.unit),
        "decimals": spec.decimals,
        "beginAtZero": spec.begin_at_zero if is_line else True,
        "stacked": bool(kind == "bar" and spec.stacked),
        "horizontal": bool(kind == "bar" and spec.horizontal),
        "series": series_data,
    }
    if is_radar:
        data.update(min=_json_number(spec.min_value), max=_json_number(spec.max_value), step=_json_number(spec.step))
    return {
        "id": html_id,
        "type": kind,
        "title": spec.title,
        "unit": spec.unit,
        "description": spec.description,
        "summary": summary,
        "empty": empty,
        "table": table,
        "table_html": table_html(table, f"{html_id}-table"),
        "data": data,
    }
