"""What the climate status page shows, read in a fixed number of queries whatever the data.

The area is the organisation's municipality, or for a county administrative board or a region its
county (then beside Sweden, with a table of the county's municipalities). Every block reads one
release only: the emission history the current territorial release, the budget figures the preset's
release, the consumption perspective the current consumption release.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Sum
from django.utils.translation import gettext as _

from hallbar.kolada import calculations as peers
from hallbar.organisations.models import County, Municipality

from . import calculations, queries
from .calculations import finite
from .models import AreaKind, BudgetMethod, EmissionRelease, Sector

SELF = 0  # the organisation's own area is the first row of every comparison


@dataclass(frozen=True)
class Area:
    kind: str  # AreaKind.MUNICIPALITY or AreaKind.COUNTY
    code: str
    name: str
    municipality: Municipality | None = None
    county: County | None = None

    @property
    def is_county(self) -> bool:
        return self.kind == AreaKind.COUNTY


def area_for(organisation) -> Area | None:
    """The organisation's municipality, else its county; None when it has neither."""
    if organisation.municipality_id:
        municipality = Municipality.objects.select_related("county").get(pk=organisation.municipality_id)
        return Area(AreaKind.MUNICIPALITY, municipality.code, municipality.name, municipality=municipality)
    if organisation.county_id:
        county = County.objects.get(pk=organisation.county_id)
        return Area(AreaKind.COUNTY, county.code, county.name, county=county)
    return None


@dataclass(frozen=True)
class Member:
    code: str
    county_id: int
    skr_group: str
    population: int | None


def municipalities() -> dict[str, Member]:
    """Every municipality's county, SKR group and residents, read once per page (one query)."""
    rows = Municipality.objects.values_list("code", "county_id", "skr_group", "population")
    return {row[0]: Member(*row) for row in rows}


# --- Emission history (current territorial release) ------------------------------------------------


@dataclass(frozen=True)
class History:
    release: EmissionRelease
    years: list[int]
    total: list[float | None]
    by_sector: list[tuple[str, list[float | None]]]  # (sector label, values per year), SMHI's order


def history(area: Area) -> History | None:
    release = queries.current_release(EmissionRelease.Kind.TERRITORIAL)
    if release is None:
        return None
    data = queries.series(release, area.kind)
    split = queries.sectors(release, area.kind, area.code)
    years = sorted({int(year) for year in data.years} | {year for values in split.values() for year in values})
    if area.code in data.codes:
        row = dict(zip(data.years.tolist(), data.values[data.index(area.code)].tolist(), strict=True))
    else:
        row = {}
    by_sector = [
        (str(label), [split[sector].get(year) for year in years]) for sector, label in Sector.choices if sector in split
    ]
    return History(release, years, [finite(row.get(year)) for year in years], by_sector)


# --- Budget status and comparison (the preset's release) ---------------------------------------------


@dataclass(frozen=True)
class Areas:
    """The budgets of the own area (row 0) and what it is compared with, with their residents."""

    method: BudgetMethod
    budgets: calculations.Budgets
    names: tuple[str, ...]
    populations: tuple[int | None, ...]
    municipal: calculations.Budgets | None = None  # a county's: every municipality the preset covers


def areas(method: BudgetMethod, area: Area, year: int, reference: dict[str, Member]) -> Areas | None:
    """Own area first, then county, SKR group and all municipalities (a county: itself and all).

    None when the preset does not cover the area (a preset of another county's municipalities)."""
    codes = queries.covered_codes(method)
    members = [reference[code] for code in codes if code in reference]
    if area.is_county:
        groups = {"county": [m.code for m in members if m.county_id == area.county.pk], "all": list(codes)}
        if not groups["county"]:
            return None
        if len(groups["county"]) == len(codes):
            del groups["all"]
        names = [area.name, _all_name(method)][: len(groups)]
        budgets = queries.municipal_budgets(method, year)
        result = queries.grouped(method, budgets, groups, year)
    else:
        if area.code not in codes:
            return None
        comparison = queries.comparison(method, area.municipality, year)
        result, names, groups = comparison.budgets, list(comparison.names), comparison.groups
        budgets = None
    population = {m.code: m.population for m in members}
    populations = tuple(_residents(population, group) for group in groups.values())
    return Areas(method, result, tuple(names), populations, budgets)


def _all_name(method: BudgetMethod) -> str:
    return method.county.name if method.county_id else str(_("Sweden (all municipalities)"))


def _residents(population: dict[str, int | None], codes: list[str]) -> int | None:
    counts = [population.get(code) for code in codes]
    return None if not counts or None in counts else sum(counts)


def last_year_with_values(series: calculations.Series) -> int | None:
    present = ~np.isnan(series.values).all(axis=0)
    return int(series.years[present][-1]) if present.any() else None


@dataclass(frozen=True)
class GapRow:
    year: int
    trend: float | None
    path: float | None
    gap: float | None


@dataclass
class Status:
    """The own area's budget figures (row 0 of ``Areas``)."""

    method: BudgetMethod
    budget_t: float | None
    emitted_t: float | None
    remaining_t: float | None
    annual_reduction: float | None  # a fraction, e.g. 0.16
    runs_out: date | None
    zero_year: int | None
    start_year: int
    current_year: int
    path_year: int
    horizon_year: int
    chart_years: list[int] = field(default_factory=list)
    recorded: list[float | None] = field(default_factory=list)
    trend: list[float | None] = field(default_factory=list)
    path: list[float | None] = field(default_factory=list)
    gaps: list[GapRow] = field(default_factory=list)
    gap_sum: float | None = None

    @property
    def is_spent(self) -> bool:
        return self.remaining_t is not None and self.remaining_t < 0

    @property
    def overshoot_t(self) -> float | None:
        return -self.remaining_t if self.is_spent else None

    @property
    def annual_reduction_percent(self) -> float | None:
        return None if self.annual_reduction is None else self.annual_reduction * 100


def status(found: Areas, row: int = SELF) -> Status:
    budgets, method = found.budgets, found.method
    horizon = max(method.horizon_year, budgets.path_year)
    first = min(method.reference_first_year, budgets.start_year)
    years = list(range(first, horizon + 1))
    recorded = dict(zip(budgets.series.years.tolist(), budgets.series.values[row].tolist(), strict=True))
    trend = budgets.trend.at(years)[row]
    path = budgets.path(years)[row]
    gap_years = list(range(budgets.path_year, horizon + 1))
    gaps = budgets.gap(gap_years)[row]
    return Status(
        method=method,
        budget_t=finite(budgets.budget_t[row]),
        emitted_t=finite(budgets.emitted_t[row]),
        remaining_t=finite(budgets.remaining_t[row]),
        annual_reduction=finite(budgets.annual_reduction[row]),
        runs_out=calculations.as_date(budgets.runs_out[row]),
        zero_year=calculations.whole_year(budgets.trend.zero_year()[row]),
        start_year=budgets.start_year,
        current_year=budgets.current_year,
        path_year=budgets.path_year,
        horizon_year=horizon,
        chart_years=years,
        recorded=[finite(recorded.get(year)) for year in years],
        trend=[finite(value) for value in trend],
        path=[finite(value) if year >= budgets.path_year else None for year, value in zip(years, path, strict=True)],
        gaps=[
            GapRow(
                year,
                finite(budgets.trend.at([year])[row][0]),
                finite(p),
                finite(g),
            )
            for year, p, g in zip(gap_years, budgets.path(gap_years)[row], gaps, strict=True)
        ],
        gap_sum=finite(np.nansum(gaps)) if not np.isnan(gaps).all() else None,
    )


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    budget_t: float | None
    remaining_t: float | None
    annual_reduction_percent: float | None
    runs_out: date | None
    per_resident: float | None  # in the release's last year with values
    population: int | None


def per_resident_series(found: Areas) -> list[list[float | None]]:
    """Emissions per resident in every year of the preset's release, per row (today's residents)."""
    values = found.budgets.series.values
    return [
        [None if not residents else finite(value / residents) for value in values[row]]
        for row, residents in enumerate(found.populations)
    ]


def comparison_rows(found: Areas) -> tuple[list[ComparisonRow], int | None]:
    budgets = found.budgets
    year = last_year_with_values(budgets.series)
    column = int(np.searchsorted(budgets.series.years, year)) if year is not None else None
    per_resident = per_resident_series(found)
    rows = [
        ComparisonRow(
            name=name,
            budget_t=finite(budgets.budget_t[i]),
            remaining_t=finite(budgets.remaining_t[i]),
            annual_reduction_percent=finite(budgets.annual_reduction[i] * 100),
            runs_out=calculations.as_date(budgets.runs_out[i]),
            per_resident=per_resident[i][column] if column is not None else None,
            population=found.populations[i],
        )
        for i, name in enumerate(found.names)
    ]
    return rows, year


def county_municipalities(found: Areas, county: County) -> tuple[list[ComparisonRow], int | None]:
    """Every municipality of the county with its own budget figures, by name."""
    budgets = found.municipal
    members = list(Municipality.objects.filter(county=county, code__in=budgets.codes).order_by("name"))
    last = last_year_with_values(budgets.series)
    column = int(np.searchsorted(budgets.series.years, last)) if last is not None else None
    rows = []
    for municipality in members:
        i = budgets.row(municipality.code)
        emitted = budgets.series.values[i, column] if column is not None else np.nan
        rows.append(
            ComparisonRow(
                name=municipality.name,
                budget_t=finite(budgets.budget_t[i]),
                remaining_t=finite(budgets.remaining_t[i]),
                annual_reduction_percent=finite(budgets.annual_reduction[i] * 100),
                runs_out=calculations.as_date(budgets.runs_out[i]),
                per_resident=finite(emitted / municipality.population) if municipality.population else None,
                population=municipality.population,
            )
        )
    return rows, last


# --- Consumption perspective ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PerResident:
    """One measure's own value and its peers' statistics (t CO2e per resident; lower is better)."""

    label: str
    release: EmissionRelease
    peer: peers.PeerYear


@dataclass(frozen=True)
class Consumption:
    release: EmissionRelease
    territorial_release: EmissionRelease | None
    year: int
    peer_name: str
    measures: list[PerResident]
    sweden: float | None  # consumption-based, t CO2e per resident


def consumption(area: Area, reference: dict[str, Member]) -> Consumption | None:
    """Consumption-based beside territorial emissions per resident, compared with the SKR group (a
    municipality) or the other counties (a county). Consumption figures are kg per resident: shown in t."""
    release = queries.current_release(EmissionRelease.Kind.CONSUMPTION)
    if release is None:
        return None
    data = queries.series(release, area.kind)
    year = last_year_with_values(data)
    if year is None or area.code not in data.codes:
        return None
    column = int(np.searchsorted(data.years, year))
    if area.is_county:
        population = dict(County.objects.values_list("code", "population"))
        peer_codes = [code for code in population if code != area.code]
        peer_name = _("the other counties")
    else:
        group = area.municipality.skr_group
        population = {code: member.population for code, member in reference.items()}
        peer_codes = [m.code for m in reference.values() if group and m.skr_group == group and m.code != area.code]
        peer_name = area.municipality.skr_group_name or group
    kg = {code: data.values[i, column] for i, code in enumerate(data.codes)}
    measures = [
        PerResident(
            _("Consumption-based"),
            release,
            _peer_year(year, {code: value / 1000 for code, value in kg.items()}, area.code, peer_codes),
        )
    ]
    territorial = queries.current_release(EmissionRelease.Kind.TERRITORIAL)
    if territorial is not None:
        totals = queries.series(territorial, area.kind)
        if year in totals.years:
            column = int(np.searchsorted(totals.years, year))
            per_resident = {
                code: totals.values[i, column] / population[code]
                for i, code in enumerate(totals.codes)
                if population.get(code)
            }
            measures.append(
                PerResident(_("Territorial"), territorial, _peer_year(year, per_resident, area.code, peer_codes))
            )
    sweden = queries.series(release, AreaKind.COUNTRY)
    national = None
    if sweden.codes and year in sweden.years:
        national = finite(sweden.values[0, int(np.searchsorted(sweden.years, year))] / 1000)
    return Consumption(release, territorial, year, str(peer_name), measures, national)


def _peer_year(year: int, values: dict[str, float], own: str, peer_codes: list[str]) -> peers.PeerYear:
    return peers.peer_year(
        year,
        finite(values.get(own)),
        [finite(values.get(code)) for code in peer_codes],
        peers.DECREASE,
    )


@dataclass(frozen=True)
class Footprint:
    year: int
    tonnes: float


def own_footprint(scope, organisation) -> Footprint | None:
    """The organisation's spend-based footprint of its latest ledger year (consumption app), if any."""
    from hallbar.consumption.models import LedgerAggregate

    latest = (
        scope.filter(LedgerAggregate.objects.filter(organisation=organisation))
        .values("year")
        .annotate(kg=Sum("kg_co2e"))
        .order_by("-year")
        .first()
    )
    if latest is None or latest["kg"] is None:
        return None
    return Footprint(latest["year"], latest["kg"] / 1000)


# --- The page's core: one call for the internal status page and the public climate page --------------


@dataclass(frozen=True)
class Overview:
    """The organisation's area, its preset, the emission history and (when the preset covers the area)
    the budget of the area and what it is compared with (``found``) with the own area's ``status``."""

    area: Area
    method: BudgetMethod
    history: History | None
    found: Areas | None
    status: Status | None


def overview(organisation, reference: dict[str, Member], year: int | None = None) -> Overview | None:
    """None when the organisation has neither a municipality nor a county."""
    area = area_for(organisation)
    if area is None:
        return None
    method = queries.method_for(organisation)
    found = areas(method, area, year or date.today().year, reference)
    return Overview(area, method, history(area), found, status(found) if found is not None else None)
