"""The climate budget page's charts, built from its read model (``budget_queries.budget_page``).

Kept beside the read model so the page, an export or the API draw the same series.
"""

from django.utils.translation import gettext as _

from hallbar.web.charts import BarChart, LineChart, Series, SeriesKind


def _source(page) -> str:
    return _("Method: %(method)s. Release: %(release)s.") % {
        "method": page.figures.method,
        "release": page.figures.method_release,
    }


def wedge_chart(page) -> LineChart:
    """The trend, the trend minus each measure in turn (the wedges, stacked), and the ceilings."""
    years, trend = page.figures.years, [page.figures.trend[year] for year in page.figures.years]
    series = [Series(_("Trend"), trend, SeriesKind.TREND)]
    remaining = list(trend)
    for measure, wedge in page.wedges:
        remaining = [max(value - taken, 0.0) for value, taken in zip(remaining, wedge, strict=True)]
        series.append(Series(_("After “%(measure)s”") % {"measure": measure.title}, remaining))
    series.append(Series(_("Ceiling (reduction path)"), [page.figures.ceilings[y] for y in years], SeriesKind.TARGET))
    return LineChart(
        title=_("Measures against the reduction path"),
        unit=page.figures.unit,
        x_labels=years,
        series=series,
        decimals=0,
        x_title=_("Year"),
        description=_source(page),
    )


def cost_chart(page) -> BarChart:
    """The marginal abatement cost curve: cost per tonne from the cheapest measure, with each one's effect."""
    categories = [
        _("%(measure)s (%(effect)s t CO2e/year)") % {"measure": measure.title, "effect": f"{step.effect_t:g}"}
        for measure, step in page.curve
    ]
    return BarChart(
        title=_("Cost per tonne of the measures (marginal abatement cost)"),
        unit=_("SEK per t CO2e"),
        categories=categories,
        series=[Series(_("Cost per tonne"), [step.cost_per_tonne for _measure, step in page.curve])],
        horizontal=True,
        decimals=0,
        category_title=_("Measure"),
        description=_("Cost per tonne = cost / (effect × lifetime). Sorted from the cheapest tonne."),
    )
