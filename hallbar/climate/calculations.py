"""Carbon budgets, trends and reduction paths for many areas at once: pure NumPy, no database.

The method is documented in docs/methods/carbon-budget.md and tested by hand in
tests/climate/test_calculations.py. Every function works on all areas of a release in one go
(290 municipalities take milliseconds), so pages and exports never loop over areas.

Conventions: a year's emission is its recorded value where the release has one and the trend
otherwise; the trend is an ordinary least-squares line over the reference years, floored at zero;
a budget counts from 1 January of its start year; paths are exponential curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

BUDGET_SHARE = "budget_share"
FIXED_RATE = "fixed_rate"
RUN_OUT_SEARCH_YEARS = 300  # how far ahead the trend is followed to find when a budget runs out


@dataclass(frozen=True)
class Series:
    """Yearly figures of many areas: ``values[i, j]`` is area ``codes[i]`` in year ``years[j]`` (NaN: none)."""

    codes: tuple[str, ...]
    years: np.ndarray
    values: np.ndarray

    def index(self, code: str) -> int:
        return self.codes.index(code)

    def subset(self, codes: list[str]) -> Series:
        rows = [self.index(code) for code in codes]
        return Series(tuple(codes), self.years, self.values[rows])

    def summed(self, groups: dict[str, list[str]]) -> Series:
        """One row per group: the sum of its members (NaN in a year where a member has no figure)."""
        values = np.array(
            [self.values[[self.index(code) for code in members]].sum(axis=0) for members in groups.values()]
        )
        return Series(tuple(groups), self.years, values.reshape(len(groups), len(self.years)))


@dataclass(frozen=True)
class Parameters:
    kind: str
    distributed_t: float
    start_year: int
    reference_first_year: int
    annual_reduction: float | None = None


@dataclass(frozen=True)
class Trend:
    """Per area: value(year) = max(0, intercept + slope × year). NaN where fewer than three values."""

    slope: np.ndarray
    intercept: np.ndarray

    def at(self, years) -> np.ndarray:
        years = np.asarray(years, dtype=float)
        return np.maximum(self.intercept[:, None] + self.slope[:, None] * years[None, :], 0.0)

    def zero_year(self) -> np.ndarray:
        """The (fractional) year a falling trend reaches zero; NaN when it does not fall."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.slope < 0, -self.intercept / self.slope, np.nan)


def fit_trend(series: Series, first_year: int) -> Trend:
    """Ordinary least squares over the years from ``first_year`` that have a value, per area."""
    in_window = series.years >= first_year
    years = series.years[in_window].astype(float)
    values = series.values[:, in_window]
    present = ~np.isnan(values)
    count = present.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_year = (present * years).sum(axis=1) / count
        mean_value = np.where(present, values, 0.0).sum(axis=1) / count
        dx = np.where(present, years[None, :] - mean_year[:, None], 0.0)
        dy = np.where(present, values - mean_value[:, None], 0.0)
        slope = (dx * dy).sum(axis=1) / (dx * dx).sum(axis=1)
    slope = np.where(count >= 3, slope, np.nan)
    return Trend(slope=slope, intercept=mean_value - slope * mean_year)


def reference_shares(series: Series, first_year: int) -> np.ndarray:
    """Each area's share of the sum of all areas' emissions over the reference years."""
    totals = np.nansum(series.values[:, series.years >= first_year], axis=1)
    return totals / totals.sum()


def estimated(series: Series, trend: Trend, years) -> np.ndarray:
    """Recorded values where the release has them, the trend everywhere else."""
    years = np.asarray(years)
    recorded = np.full((len(series.codes), len(years)), np.nan)
    positions = np.searchsorted(series.years, years)
    known = (positions < len(series.years)) & (series.years[np.minimum(positions, len(series.years) - 1)] == years)
    recorded[:, known] = series.values[:, positions[known]]
    return np.where(np.isnan(recorded), trend.at(years), recorded)


@dataclass(frozen=True)
class Budgets:
    """Budget, path and trend figures per area (all arrays in the order of ``codes``)."""

    codes: tuple[str, ...]
    start_year: int
    current_year: int
    budget_t: np.ndarray
    start_emission_t: np.ndarray  # E0: the start year's emission
    emitted_t: np.ndarray  # from 1 January of the start year to 1 January of the current year
    remaining_t: np.ndarray  # negative when the budget is already spent
    annual_reduction: np.ndarray  # the reduction per year the path asks for
    path_year: int  # the path starts here …
    path_start_t: np.ndarray  # … at this value …
    path_decay: np.ndarray  # … and falls as exp(−decay × years)
    runs_out: np.ndarray  # fractional year the budget is spent on the current trend; NaN: never
    trend: Trend
    series: Series

    def path(self, years) -> np.ndarray:
        years = np.asarray(years, dtype=float)
        return self.path_start_t[:, None] * np.exp(-self.path_decay[:, None] * (years[None, :] - self.path_year))

    def expected(self, years) -> np.ndarray:
        return estimated(self.series, self.trend, years)

    def gap(self, years) -> np.ndarray:
        """How far the trend lies above the path (negative: below) in each year."""
        return self.trend.at(years) - self.path(years)

    def row(self, code: str) -> int:
        return self.codes.index(code)


def allocate(series: Series, parameters: Parameters, current_year: int) -> Budgets:
    """Share the distributed budget by the reference-year emissions and evaluate every area."""
    if parameters.kind == BUDGET_SHARE:
        budget = reference_shares(series, parameters.reference_first_year) * parameters.distributed_t
    else:
        budget = None
    return evaluate(series, budget, parameters, current_year)


def evaluate(series: Series, budget_t: np.ndarray | None, parameters: Parameters, current_year: int) -> Budgets:
    """Path, remaining budget and run-out date for areas whose budgets are known (e.g. summed for a county).

    ``budget_t`` is ignored by the fixed-rate method, whose budget is what its path still emits.
    """
    trend = fit_trend(series, parameters.reference_first_year)
    start = parameters.start_year
    elapsed = np.arange(start, max(current_year, start))
    emitted = estimated(series, trend, elapsed).sum(axis=1)
    start_emission = estimated(series, trend, [start])[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        if parameters.kind == BUDGET_SHARE:
            budget = np.asarray(budget_t, dtype=float)
            decay = start_emission / budget
            path_year, path_start = start, start_emission
            remaining = budget - emitted
            reduction = 1 - np.exp(-decay)
        else:
            rate = float(parameters.annual_reduction)
            path_year = max(current_year, start)
            path_start = estimated(series, trend, [path_year])[:, 0]
            decay = np.full(len(series.codes), -np.log(1 - rate))
            remaining = path_start / decay
            budget = remaining + emitted
            reduction = np.full(len(series.codes), rate)
    return Budgets(
        codes=series.codes,
        start_year=start,
        current_year=current_year,
        budget_t=budget,
        start_emission_t=start_emission,
        emitted_t=emitted,
        remaining_t=remaining,
        annual_reduction=reduction,
        path_year=path_year,
        path_start_t=path_start,
        path_decay=decay,
        runs_out=_runs_out(series, trend, budget, start),
        trend=trend,
        series=series,
    )


def _runs_out(series: Series, trend: Trend, budget: np.ndarray, start: int) -> np.ndarray:
    """The fractional year in which cumulative emissions from ``start`` reach the budget."""
    years = np.arange(start, start + RUN_OUT_SEARCH_YEARS)
    yearly = estimated(series, trend, years)
    cumulative = np.cumsum(yearly, axis=1)
    reached = cumulative >= budget[:, None]
    found = reached.any(axis=1)
    first = np.argmax(reached, axis=1)
    rows = np.arange(len(series.codes))
    before = np.where(first > 0, cumulative[rows, np.maximum(first - 1, 0)], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = (budget - before) / yearly[rows, first]
    return np.where(found & ~np.isnan(trend.slope), start + first + np.clip(fraction, 0, 1), np.nan)


def finite(value) -> float | None:
    """A plain float, or None for a missing (NaN) or infinite value."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def as_date(fractional_year) -> date | None:
    """2026.5 → the day half-way through 2026 (a run-out date); NaN ("never") → None."""
    value = finite(fractional_year)
    if value is None:
        return None
    year = math.floor(value)
    length = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return date(year, 1, 1) + timedelta(days=min(int((value - year) * length), length - 1))


def whole_year(fractional_year) -> int | None:
    """The calendar year a fractional year falls in; None for NaN."""
    value = finite(fractional_year)
    return None if value is None else math.floor(value)
