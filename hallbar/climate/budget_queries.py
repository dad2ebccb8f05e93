"""Read models of a climate budget: its figures (live for a draft, frozen for an adopted budget) and
everything its page and exports show. The sums themselves are in :mod:`.budget_calculations`."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from . import budget_calculations as calc
from . import queries
from .models import AreaKind, ClimateBudget, Emission, Measure, MeasureEffect, Sector


@dataclass
class Figures:
    """What the budget's sums start from. ``problem`` says why there are none (then the dicts are empty)."""

    years: list[int]
    ceilings: dict[int, float] = field(default_factory=dict)  # t CO2e, the reduction path
    trend: dict[int, float] = field(default_factory=dict)  # t CO2e, the municipality's trend
    shares: dict[str, float] = field(default_factory=dict)  # sector → 0–1
    shares_year: int | None = None
    method: str = ""  # the preset's name and version
    method_release: str = ""  # the release the preset computes the path and trend from
    unit: str = "t CO2e"
    sector_release: str = ""  # the release the sector shares come from
    municipality: str = ""
    problem: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("ceilings", "trend"):
            data[key] = {str(year): value for year, value in data[key].items()}
        return data

    @classmethod
    def from_json(cls, data: dict) -> Figures:
        data = dict(data)
        for key in ("ceilings", "trend"):
            data[key] = {int(year): value for year, value in data.get(key, {}).items()}
        return cls(**data)


def live_figures(budget: ClimateBudget, current_year: int | None = None) -> Figures:
    """Ceilings and trend from the budget's preset, sector shares from the current release."""
    method = budget.method
    figures = Figures(
        years=budget.years,
        method=str(method),
        method_release=method.release.name,
        unit=method.release.unit or "t CO2e",
    )
    municipality = budget.organisation.municipality
    if municipality is None:
        figures.problem = _(
            "The organisation is not linked to a municipality, so there is no reduction path to take ceilings from."
        )
        return figures
    figures.municipality = municipality.name
    budgets = queries.municipal_budgets(method, current_year or date.today().year)
    if municipality.code not in budgets.codes:
        figures.problem = _("The preset “%(method)s” has no budget for %(municipality)s.") % {
            "method": method,
            "municipality": municipality.name,
        }
        return figures
    row = budgets.row(municipality.code)
    path, trend = budgets.path(budget.years)[row], budgets.trend.at(budget.years)[row]
    if any(math.isnan(value) for value in [*path, *trend]):
        figures.problem = _("The release has too few years for %(municipality)s to compute a path and trend.") % {
            "municipality": municipality.name
        }
        return figures
    figures.ceilings = {year: float(value) for year, value in zip(budget.years, path, strict=True)}
    figures.trend = {year: float(value) for year, value in zip(budget.years, trend, strict=True)}
    current = queries.current_release()
    if current is not None:
        by_sector = queries.sectors(current, AreaKind.MUNICIPALITY, municipality.code)
        years = {year for values in by_sector.values() for year in values}
        if years:
            figures.shares_year = max(years)
            figures.shares = calc.sector_shares(
                {sector: values.get(figures.shares_year, 0.0) for sector, values in by_sector.items()}
            )
            figures.sector_release = current.name
    return figures


def figures_for(budget: ClimateBudget) -> Figures:
    """Frozen at adoption; computed now for a draft."""
    if budget.is_adopted and budget.figures:
        return Figures.from_json(budget.figures)
    return live_figures(budget)


def _measure_figures(measure: Measure) -> calc.MeasureFigures:
    return calc.MeasureFigures(
        key=measure.pk,
        effect_t=measure.effect_t,
        cost_sek=measure.cost_sek,
        start_year=measure.start_year,
        lifetime_years=measure.lifetime_years,
    )


@dataclass
class SectorRow:
    key: str
    label: str
    share_percent: float | None  # of the municipality's emissions
    part_t: float | None  # of the budget year's ceiling
    responsibilities: list


@dataclass
class UnitRow:
    unit: object  # an OrganisationUnit, or None: not allocated
    ceilings: list[float]
    sectors: list[str]
    planned: list[float]


@dataclass
class FollowUpRow:
    year: int
    ceiling_t: float | None
    outcome_t: float | None
    difference_t: float | None  # outcome − ceiling (above zero: over the ceiling)
    planned_t: float
    reported_t: float | None


@dataclass
class BudgetPage:
    budget: ClimateBudget
    figures: Figures
    sector_rows: list[SectorRow]
    responsibilities: list
    unit_rows: list[UnitRow]
    measures: list[Measure]
    year_sums: list[calc.YearSums]
    curve: list[tuple[Measure, calc.CurveStep]]
    wedges: list[tuple[Measure, list[float]]]
    after_measures: list[float]
    follow_up: list[FollowUpRow]
    outcome_release: str
    totals: dict[str, float]


def budget_page(budget: ClimateBudget) -> BudgetPage:
    figures = figures_for(budget)
    years = figures.years
    responsibilities = list(budget.responsibilities.select_related("unit").order_by("sector", "unit__path"))
    measures = list(budget.measures.select_related("unit").prefetch_related("actions", "reported_effects"))
    by_pk = {measure.pk: measure for measure in measures}
    measure_figures = [_measure_figures(measure) for measure in measures]
    for measure, numbers in zip(measures, measure_figures, strict=True):
        measure.cost_per_tonne = numbers.cost_per_tonne
    first = years[0]
    sector_rows = [
        SectorRow(
            key,
            label,
            figures.shares[key] * 100 if key in figures.shares else None,
            figures.ceilings[first] * figures.shares[key] if figures.ceilings and key in figures.shares else None,
            [item for item in responsibilities if item.sector == key],
        )
        for key, label in Sector.choices
    ]
    unit_rows = _unit_rows(figures, responsibilities, measures, measure_figures)
    sums = calc.year_sums(figures.trend, figures.ceilings, measure_figures) if figures.ceilings else []
    curve = [(by_pk[step.key], step) for step in calc.abatement_curve(measure_figures)]
    wedges, after = calc.wedges(figures.trend, measure_figures, years) if figures.trend else ({}, [])
    outcome_release, follow_up = _follow_up(budget, figures, measures, measure_figures)
    totals = {
        "effect_t": sum(m.effect_t for m in measures),
        "cost_sek": sum(m.cost_sek for m in measures),
        "funding_sek": sum(m.funding_sek for m in measures),
    }
    return BudgetPage(
        budget=budget,
        figures=figures,
        sector_rows=sector_rows,
        responsibilities=responsibilities,
        unit_rows=unit_rows,
        measures=measures,
        year_sums=sums,
        curve=curve,
        wedges=[(by_pk[key], values) for key, values in wedges.items()],
        after_measures=after,
        follow_up=follow_up,
        outcome_release=outcome_release,
        totals=totals,
    )


def _unit_rows(figures: Figures, responsibilities, measures, measure_figures) -> list[UnitRow]:
    items = [calc.Responsibility(r.unit_id, r.sector, r.share_percent) for r in responsibilities]
    ceilings = calc.unit_ceilings(figures.ceilings, figures.shares, items) if figures.ceilings else {}
    units = {r.unit_id: r.unit for r in responsibilities} | {m.unit_id: m.unit for m in measures}
    order = sorted(units, key=lambda pk: units[pk].path)
    rows = []
    for pk in order:
        own = [numbers for measure, numbers in zip(measures, measure_figures, strict=True) if measure.unit_id == pk]
        planned = calc.planned(own, figures.years)
        rows.append(
            UnitRow(
                unit=units[pk],
                ceilings=[ceilings[pk][year] for year in figures.years] if pk in ceilings else [],
                sectors=sorted({r.get_sector_display() for r in responsibilities if r.unit_id == pk}),
                planned=[planned[year] for year in figures.years],
            )
        )
    if calc.NOT_ALLOCATED in ceilings:
        rest = ceilings[calc.NOT_ALLOCATED]
        rows.append(UnitRow(None, [rest[year] for year in figures.years], [], [0.0 for _year in figures.years]))
    return rows


def _follow_up(budget, figures: Figures, measures, measure_figures) -> tuple[str, list[FollowUpRow]]:
    """Each year: the recorded emission of the current release (if it has the year) against the ceiling,
    and the effects the measures reported against those planned."""
    current = queries.current_release()
    outcomes: dict[int, float] = {}
    municipality = budget.organisation.municipality
    if current is not None and municipality is not None:
        outcomes = dict(
            Emission.objects.filter(
                release=current,
                area_kind=AreaKind.MUNICIPALITY,
                area_code=municipality.code,
                sector="",
                year__in=figures.years,
            ).values_list("year", "value")
        )
    reported: dict[int, float] = {}
    for year, effect in MeasureEffect.objects.filter(measure__budget=budget).values_list("year", "effect_t"):
        reported[year] = reported.get(year, 0.0) + effect
    planned = calc.planned(measure_figures, figures.years)
    rows = []
    for year in figures.years:
        ceiling, outcome = figures.ceilings.get(year), outcomes.get(year)
        difference = outcome - ceiling if outcome is not None and ceiling is not None else None
        rows.append(FollowUpRow(year, ceiling, outcome, difference, planned[year], reported.get(year)))
    return (current.name if current else ""), rows
