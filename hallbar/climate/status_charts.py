"""Chart specs of the climate status page and the public climate page (every chart also renders its data
as a table)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hallbar.climate import status as figures
from hallbar.web.charts import BarChart, LineChart, Series, SeriesKind


def history_chart(area: figures.Area, history: figures.History) -> BarChart | LineChart:
    title = _("Emissions of %(area)s") % {"area": area.name}
    description = _("Release: %(release)s.") % {"release": history.release.name}
    if history.by_sector:
        return BarChart(
            title=_("%(title)s by sector") % {"title": title},
            unit=history.release.unit,
            categories=history.years,
            series=[Series(label, values) for label, values in history.by_sector],
            decimals=0,
            category_title=_("Year"),
            description=description,
        )
    return LineChart(
        title=title,
        unit=history.release.unit,
        x_labels=history.years,
        series=[Series(_("Total"), history.total)],
        decimals=0,
        x_title=_("Year"),
        description=description,
    )


def budget_chart(area: figures.Area, status: figures.Status) -> LineChart:
    return LineChart(
        title=_("Emissions, trend and reduction path of %(area)s") % {"area": area.name},
        unit=status.method.release.unit,
        x_labels=status.chart_years,
        series=[
            Series(_("Recorded"), status.recorded),
            Series(_("Trend (never below zero)"), status.trend, SeriesKind.TREND),
            Series(_("Reduction path"), status.path, SeriesKind.TARGET),
        ],
        decimals=0,
        x_title=_("Year"),
        description=_("Release: %(release)s. Method: %(method)s.")
        % {"release": status.method.release.name, "method": status.method},
    )


def per_resident_chart(found: figures.Areas) -> LineChart:
    values = figures.per_resident_series(found)
    return LineChart(
        title=_("Emissions per resident"),
        unit=_("%(unit)s per resident") % {"unit": found.method.release.unit},
        x_labels=found.budgets.series.years.tolist(),
        series=[Series(name, row) for name, row in zip(found.names, values, strict=True)],
        decimals=2,
        x_title=_("Year"),
        description=_("Release: %(release)s. Every year is divided by today's number of residents.")
        % {"release": found.method.release.name},
    )
