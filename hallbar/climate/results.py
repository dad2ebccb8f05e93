"""The budget of every municipality a preset covers, as rows for the results page, its exports, the
``climate_budgets`` command, the API and the benchmark (one computation, one set of numbers).

Rows are plain values: NaN never leaves this module (``None`` means "never" / "no trend").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from hallbar.organisations.models import Municipality

from . import calculations, queries
from .models import BudgetMethod


@dataclass(frozen=True)
class MunicipalityResult:
    code: str
    name: str
    county: str
    share_percent: float  # share of the reference-year emissions of all municipalities the preset covers
    budget_t: float
    start_emission_t: float  # E0
    emitted_t: float  # from 1 January of the start year to 1 January of the current year
    remaining_t: float  # negative: the budget is spent
    reduction_percent: float  # the yearly reduction the path asks for
    runs_out: date | None  # on the current trend; None: never
    trend_zero_year: int | None  # the year the falling trend reaches zero; None: it does not fall


@dataclass(frozen=True)
class Results:
    method: BudgetMethod
    current_year: int
    rows: list[MunicipalityResult]


def municipality_results(method: BudgetMethod, current_year: int) -> Results:
    """Every municipality's budget, path and trend figures under ``method`` in ``current_year``, by code."""
    budgets = queries.municipal_budgets(method, current_year)
    return Results(method, current_year, rows_of(budgets, method, _names(budgets.codes)))


def _names(codes) -> dict[str, tuple[str, str]]:
    rows = Municipality.objects.filter(code__in=codes).values_list("code", "name", "county__name")
    return {code: (name, county) for code, name, county in rows}


def rows_of(budgets: calculations.Budgets, method: BudgetMethod, names: dict) -> list[MunicipalityResult]:
    shares = calculations.reference_shares(budgets.series, method.reference_first_year) * 100
    zero_years = budgets.trend.zero_year()
    rows = []
    for i, code in enumerate(budgets.codes):
        name, county = names.get(code, (code, ""))
        rows.append(
            MunicipalityResult(
                code=code,
                name=name,
                county=county,
                share_percent=float(shares[i]),
                budget_t=float(budgets.budget_t[i]),
                start_emission_t=float(budgets.start_emission_t[i]),
                emitted_t=float(budgets.emitted_t[i]),
                remaining_t=float(budgets.remaining_t[i]),
                reduction_percent=float(budgets.annual_reduction[i]) * 100,
                runs_out=calculations.as_date(budgets.runs_out[i]),
                trend_zero_year=calculations.whole_year(zero_years[i]),
            )
        )
    return rows


SORT_KEYS = (
    "code",
    "name",
    "county",
    "share_percent",
    "budget_t",
    "start_emission_t",
    "emitted_t",
    "remaining_t",
    "reduction_percent",
    "runs_out",
    "trend_zero_year",
)


def sorted_rows(rows: list[MunicipalityResult], key: str, descending: bool = False) -> list[MunicipalityResult]:
    """Rows ordered by one column; missing values ("never") always come last. Unknown keys sort by code."""
    if key not in SORT_KEYS:
        key = "code"
    present = [row for row in rows if getattr(row, key) is not None]
    missing = [row for row in rows if getattr(row, key) is None]
    ordered = sorted(present, key=lambda row: (getattr(row, key), row.code), reverse=descending)
    return ordered + missing


def visible_methods(organisation):
    """The shipped presets and the organisation's own (never another organisation's)."""
    condition = Q(organisation__isnull=True)
    if organisation is not None:
        condition |= Q(organisation=organisation)
    return BudgetMethod.objects.filter(condition).select_related("release", "county", "changed_by")
