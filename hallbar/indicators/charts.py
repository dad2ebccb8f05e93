"""Chart specs for indicators: the measured series, each target's path, the trend and the peers.

Pure functions from already-read data to :mod:`hallbar.web.charts` specs; the views read the data.
"""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from hallbar.web.charts import LineChart, Series, SeriesKind

from .calculations import Assessment
from .models import Indicator


def _path(start: tuple[int, float], end: tuple[int, float], years: Sequence[int]) -> list[float | None]:
    """Values on the straight line from ``start`` to ``end`` for the years between them, None elsewhere."""
    (year0, value0), (year1, value1) = start, end
    slope = (value1 - value0) / (year1 - year0)
    return [value0 + slope * (year - year0) if year0 <= year <= year1 else None for year in years]


def indicator_chart(
    indicator: Indicator,
    series: dict[int, float],
    targets: Iterable = (),
    peers: Sequence | None = None,
    title: str | None = None,
) -> LineChart | None:
    """The indicator's yearly values, with for each target (carrying ``.assessment``) the path from
    baseline to target and the fitted trend to the target year, and the peers' median and quartile
    band (``peers``: rows with year, median, lower_quartile, upper_quartile). None without values."""
    targets = list(targets)
    peer_rows = {row.year: row for row in peers or [] if row.median is not None}
    years_seen = set(series) | set(peer_rows)
    for target in targets:
        years_seen |= {target.baseline_year, target.target_year}
    if not series and not peer_rows:
        return None
    years = list(range(min(years_seen), max(years_seen) + 1))
    lines = [Series(_("Measured"), [series.get(year) for year in years])]
    for target in targets:
        name = target.title if len(targets) > 1 else ""
        start = (target.baseline_year, float(target.baseline_value))
        end = (target.target_year, float(target.target_value))
        label = _("Target path: %(target)s") % {"target": name} if name else _("Target path")
        lines.append(Series(label, _path(start, end, years), SeriesKind.TARGET))
        assessment: Assessment | None = getattr(target, "assessment", None)
        if assessment and assessment.line is not None:
            # From the first of the values the trend was fitted to, to the target year.
            first = sorted(year for year, value in series.items() if value is not None)[-assessment.points_used]
            trend = [assessment.line.at(year) if first <= year <= target.target_year else None for year in years]
            lines.append(
                Series(_("Trend: %(target)s") % {"target": name} if name else _("Trend"), trend, SeriesKind.TREND)
            )
    if peer_rows:
        lines.append(
            Series(_("Peers' median"), [_attr(peer_rows, year, "median") for year in years], SeriesKind.PEER_MEDIAN)
        )
        lines.append(
            Series.band(
                _("Peers' middle half (quartiles)"),
                lower=[_attr(peer_rows, year, "lower_quartile") for year in years],
                upper=[_attr(peer_rows, year, "upper_quartile") for year in years],
            )
        )
    return LineChart(
        title=title or indicator.title,
        unit=indicator.unit,
        x_labels=years,
        series=lines,
        x_title=_("Year"),
        begin_at_zero=min((v for v in series.values() if v is not None), default=0) >= 0,
    )


def _attr(rows: dict, year: int, name: str):
    row = rows.get(year)
    return getattr(row, name) if row is not None else None
