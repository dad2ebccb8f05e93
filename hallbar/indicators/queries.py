"""Read models for indicator pages, plan pages and dashboards.

Every function here reads in a fixed number of queries, whatever the number of values.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from hallbar.organisations.models import OrganisationUnit

from .calculations import Assessment, assess_target
from .models import Indicator, IndicatorValue
from .periods import Period, period_label, yearly_series


def organisation_series(indicator_ids: Iterable[int], until: Period | None = None) -> dict[int, dict[int, float]]:
    """Indicator id → {year: value} for the whole-organisation values of those indicators (one query).

    With ``until``, only the values of periods that had ended when that period ended count, so the last
    year of a tertial report stands on the periods up to that tertial (:meth:`Period.holds`).
    """
    rows: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    values = IndicatorValue.objects.filter(indicator_id__in=set(indicator_ids), unit__isnull=True)
    if until is not None:
        values = values.filter(year__lte=until.year)
    fields = values.values_list("indicator_id", "year", "period", "value", "indicator__frequency")
    for indicator_id, year, period, value, frequency in fields.order_by():
        if until is None or until.holds(year, period, frequency):
            rows[indicator_id].append((year, period, value))
    return {indicator_id: yearly_series(series) for indicator_id, series in rows.items()}


@dataclass
class PeriodValue:
    """An indicator's whole-organisation value for the period it reports in a :class:`Period` (or None)."""

    indicator: Indicator
    year: int
    period: int | None  # None: the indicator reports nothing in that period
    value: IndicatorValue | None = None

    @property
    def period_label(self) -> str:
        return "" if self.period is None else period_label(self.year, self.period, self.indicator.frequency)


def period_values(indicators: Iterable[Indicator], covered: Period) -> list[PeriodValue]:
    """For each indicator, the period it reports for ``covered`` and its value there (one query)."""
    lines = [PeriodValue(indicator, covered.year, covered.reported_by(indicator.frequency)) for indicator in indicators]
    values = IndicatorValue.objects.filter(
        indicator__in=[line.indicator for line in lines], unit__isnull=True, year=covered.year
    )
    by_key = {(value.indicator_id, value.period): value for value in values}
    for line in lines:
        line.value = by_key.get((line.indicator.pk, line.period))
        if line.value is not None:
            line.value.indicator = line.indicator
    return lines


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
