"""Read models for indicator pages, plan pages and dashboards.

Every function here reads in a fixed number of queries, whatever the number of values.
"""

from collections import defaultdict
from collections.abc import Iterable

from hallbar.organisations.models import OrganisationUnit

from .calculations import Assessment, assess_target
from .models import Indicator, IndicatorValue
from .periods import yearly_series


def organisation_series(indicator_ids: Iterable[int]) -> dict[int, dict[int, float]]:
    """Indicator id → {year: value} for the whole-organisation values of those indicators (one query)."""
    rows: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    values = IndicatorValue.objects.filter(indicator_id__in=set(indicator_ids), unit__isnull=True).values_list(
        "indicator_id", "year", "period", "value"
    )
    for indicator_id, year, period, value in values.order_by():
        rows[indicator_id].append((year, period, value))
    return {indicator_id: yearly_series(series) for indicator_id, series in rows.items()}


def assess_targets(targets: Iterable, series: dict[int, dict[int, float]] | None = None) -> dict[int, Assessment]:
    """Target id → its status, from the whole-organisation values of the indicator measuring it.

    Targets without an indicator are left out. One query for all targets, none when the caller
    already has the ``series`` (from :func:`organisation_series`).
    """
    targets = [target for target in targets if target.indicator_id]
    if series is None:
        series = organisation_series(target.indicator_id for target in targets)
    return {
        target.pk: assess_target(
            series.get(target.indicator_id, {}),
            baseline_value=float(target.baseline_value),
            target_value=float(target.target_value),
            target_year=target.target_year,
            direction=target.direction,
        )
        for target in targets
    }


def values_table(indicator: Indicator, unit=None) -> list[IndicatorValue]:
    """The indicator's values for the whole organisation (``unit`` None) or one unit, oldest first."""
    values = indicator.values.filter(unit=unit) if unit else indicator.values.filter(unit__isnull=True)
    values = list(values.order_by("year", "period"))
    for value in values:
        value.indicator = indicator  # period labels need the frequency without another query
    return values


def reporting_units(indicator: Indicator):
    """Units that have values for this indicator (for choosing whose series to show)."""
    return OrganisationUnit.objects.filter(
        pk__in=indicator.values.filter(unit__isnull=False).values("unit_id").distinct()
    ).order_by("path")
