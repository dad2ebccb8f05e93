"""The sums of a climate budget: pure Python on plain numbers, no database (tested by hand in
tests/climate/test_budget_services.py).

Rules, as the budget page states them:

* **Ceilings** are the reduction path of the municipality's carbon budget in each year (t CO2e).
* **Sector shares**: a sector's part of a ceiling is its share of the municipality's emissions in the
  last year of the current release: share = the sector's emission / the sum of all sectors that year.
* **Unit ceilings**: a unit's ceiling is the sum over the sectors it answers for of
  ceiling × sector share × the unit's share of that sector. What no unit answers for is *not allocated*.
* **Planned reduction** in a year: the sum of the estimated effects of the measures that have started
  (start year ≤ year) and still work (year < start year + lifetime).
* **Needed reduction** = trend − ceiling; **remaining gap** = needed − planned (above zero: more
  measures are needed; at or below zero: the measures suffice).
* **Cost per tonne** = cost / (effect × lifetime): SEK per tonne CO2e over the measure's lifetime.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

NOT_ALLOCATED = None  # the key of what no unit answers for in :func:`unit_ceilings`


def sector_shares(emissions: Mapping[str, float]) -> dict[str, float]:
    """Each sector's share (0–1) of the sum of all sectors; empty when there is nothing to share."""
    positive = {sector: max(float(value), 0.0) for sector, value in emissions.items() if value is not None}
    total = sum(positive.values())
    if total <= 0:
        return {}
    return {sector: value / total for sector, value in positive.items()}


@dataclass(frozen=True)
class Responsibility:
    unit: object  # a unit id (or anything hashable that names a unit)
    sector: str
    share_percent: float


def unit_ceilings(
    ceilings: Mapping[int, float], shares: Mapping[str, float], responsibilities: Iterable[Responsibility]
) -> dict[object, dict[int, float]]:
    """{unit: {year: t CO2e}}, plus :data:`NOT_ALLOCATED` for the rest of each ceiling (when above zero)."""
    result: dict[object, dict[int, float]] = {}
    allocated_fraction = 0.0
    for item in responsibilities:
        fraction = shares.get(item.sector, 0.0) * item.share_percent / 100
        allocated_fraction += fraction
        years = result.setdefault(item.unit, dict.fromkeys(ceilings, 0.0))
        for year, ceiling in ceilings.items():
            years[year] += ceiling * fraction
    rest = 1.0 - allocated_fraction
    if rest > 1e-9:
        result[NOT_ALLOCATED] = {year: ceiling * rest for year, ceiling in ceilings.items()}
    return result


def sector_share_problems(responsibilities: Iterable[Responsibility]) -> dict[str, float]:
    """Sectors whose units' shares add up to more than 100 %: {sector: the sum}."""
    sums: dict[str, float] = {}
    for item in responsibilities:
        sums[item.sector] = sums.get(item.sector, 0.0) + item.share_percent
    return {sector: total for sector, total in sums.items() if total > 100 + 1e-9}


@dataclass(frozen=True)
class MeasureFigures:
    key: object
    effect_t: float
    cost_sek: float
    start_year: int
    lifetime_years: int

    def works_in(self, year: int) -> bool:
        return self.start_year <= year < self.start_year + self.lifetime_years

    @property
    def cost_per_tonne(self) -> float | None:
        return cost_per_tonne(self.cost_sek, self.effect_t, self.lifetime_years)


def cost_per_tonne(cost_sek: float, effect_t: float, lifetime_years: int) -> float | None:
    """SEK per tonne CO2e over the lifetime; None when the measure reduces nothing."""
    tonnes = effect_t * lifetime_years
    if tonnes <= 0:
        return None
    return cost_sek / tonnes


def planned(measures: Iterable[MeasureFigures], years: Sequence[int]) -> dict[int, float]:
    measures = list(measures)
    return {year: sum(m.effect_t for m in measures if m.works_in(year)) for year in years}


@dataclass(frozen=True)
class YearSums:
    year: int
    trend_t: float
    ceiling_t: float
    needed_t: float
    planned_t: float
    gap_t: float


def year_sums(
    trend: Mapping[int, float], ceilings: Mapping[int, float], measures: Iterable[MeasureFigures]
) -> list[YearSums]:
    years = sorted(ceilings)
    planned_by_year = planned(measures, years)
    rows = []
    for year in years:
        needed = trend[year] - ceilings[year]
        rows.append(
            YearSums(year, trend[year], ceilings[year], needed, planned_by_year[year], needed - planned_by_year[year])
        )
    return rows


@dataclass(frozen=True)
class CurveStep:
    key: object
    cost_per_tonne: float | None
    effect_t: float
    cumulative_t: float  # the effect of this and every cheaper measure


def abatement_curve(measures: Iterable[MeasureFigures]) -> list[CurveStep]:
    """Marginal abatement cost curve: measures from the cheapest tonne to the dearest (those without an
    effect, whose cost per tonne is unknown, last)."""
    ordered = sorted(measures, key=lambda m: (m.cost_per_tonne is None, m.cost_per_tonne or 0.0))
    steps, cumulative = [], 0.0
    for measure in ordered:
        cumulative += measure.effect_t
        steps.append(CurveStep(measure.key, measure.cost_per_tonne, measure.effect_t, cumulative))
    return steps


def wedges(
    trend: Mapping[int, float], measures: Sequence[MeasureFigures], years: Sequence[int]
) -> tuple[dict[object, list[float]], list[float]]:
    """Each measure's wedge per year (its effect while it works) and the trend minus all wedges (floored at 0)."""
    per_measure = {m.key: [m.effect_t if m.works_in(year) else 0.0 for year in years] for m in measures}
    remaining = [max(trend[year] - sum(w[i] for w in per_measure.values()), 0.0) for i, year in enumerate(years)]
    return per_measure, remaining
