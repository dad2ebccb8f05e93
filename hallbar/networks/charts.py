"""The shared indicator panel as a chart and its table, built from ``queries.panel``.

Kept beside the read model so the page, an export or the API show the same series.
"""

from django.utils.translation import gettext as _

from hallbar.web.charts import LineChart, Series, SeriesKind


def panel_title(panel: dict, measures) -> str:
    """The measure's label as the member chose it, else the Kolada indicator's name or id."""
    labels = {measure.key: measure.label for measure in measures}
    return labels.get(panel["key"]) or (str(panel["kpi"]) if panel["kpi"] else panel["kpi_id"] or "")


def panel_table(panel: dict) -> list[tuple]:
    """One row a member: (row, own values by year, Kolada values by year), in the panel's years."""
    years = panel["years"]
    return [(row, [row.own.get(y) for y in years], [row.kolada.get(y) for y in years]) for row in panel["rows"]]


def panel_chart(panel: dict, title: str) -> LineChart:
    years = panel["years"]
    series = []
    for row in panel["rows"]:
        if row.shares_own:
            label = _("%(organisation)s: own values") % {"organisation": row.organisation}
            series.append(Series(label, [row.own.get(year) for year in years]))
        if row.kolada:
            label = _("%(organisation)s: Kolada") % {"organisation": row.organisation}
            # Drawn dash-dot with diamonds, so Kolada lines differ from own values by more than colour.
            series.append(Series(label, [row.kolada.get(year) for year in years], SeriesKind.PEER_MEDIAN))
    return LineChart(
        title=title, unit=panel["unit"], x_labels=[str(year) for year in years], series=series, x_title=_("Year")
    )
