"""Read models for the climate pages, exports and API: one release per figure, never mixed.

Series are read once per release version and kept in memory (a release's figures never change
without its version changing), so recomputing every municipality's budget costs milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
from django.utils.translation import gettext as _

from hallbar.organisations.models import Municipality

from . import calculations
from .models import AreaKind, BudgetMethod, ClimateSettings, Emission, EmissionRelease
from .reference import default_method_key


def current_release(kind: str = EmissionRelease.Kind.TERRITORIAL) -> EmissionRelease | None:
    return EmissionRelease.objects.filter(kind=kind, is_current=True).first()


def series(release: EmissionRelease, area_kind: str = AreaKind.MUNICIPALITY, sector: str = "") -> calculations.Series:
    """All areas of one kind in a release, for one sector ("" = the total)."""
    return _series(release.pk, release.version, release.loaded_at, area_kind, sector)


@lru_cache(maxsize=64)
def _series(release_id: int, version: str, loaded_at, area_kind: str, sector: str) -> calculations.Series:
    rows = list(
        Emission.objects.filter(release_id=release_id, area_kind=area_kind, sector=sector)
        .order_by("area_code", "year")
        .values_list("area_code", "year", "value")
    )
    codes = tuple(sorted({code for code, _year, _value in rows}))
    years = np.array(sorted({year for _code, year, _value in rows}), dtype=int)
    values = np.full((len(codes), len(years)), np.nan)
    code_index = {code: i for i, code in enumerate(codes)}
    year_index = {int(year): j for j, year in enumerate(years)}
    for code, year, value in rows:
        values[code_index[code], year_index[year]] = value
    return calculations.Series(codes, years, values)


def sectors(release: EmissionRelease, area_kind: str, area_code: str) -> dict[str, dict[int, float]]:
    """{sector: {year: value}} for one area; empty when the release has no sector split."""
    result: dict[str, dict[int, float]] = {}
    rows = Emission.objects.filter(release=release, area_kind=area_kind, area_code=area_code).exclude(sector="")
    for sector, year, value in rows.values_list("sector", "year", "value"):
        result.setdefault(sector, {})[year] = value
    return result


def method_for(organisation) -> BudgetMethod:
    """The preset an organisation chose, or the shipped default."""
    chosen = ClimateSettings.objects.filter(organisation=organisation).select_related("method__release").first()
    if chosen is not None:
        return chosen.method
    return BudgetMethod.objects.select_related("release").get(organisation=None, key=default_method_key())


def parameters(method: BudgetMethod) -> calculations.Parameters:
    return calculations.Parameters(
        kind=method.kind,
        distributed_t=method.distributed_t,
        start_year=method.start_year,
        reference_first_year=method.reference_first_year,
        annual_reduction=method.annual_reduction,
    )


def municipal_budgets(method: BudgetMethod, current_year: int | None = None) -> calculations.Budgets:
    """Every municipality the preset shares its budget among (all of Sweden, or one county)."""
    data = series(method.release)
    if method.county_id:
        data = data.subset(list(covered_codes(method)))
    return calculations.allocate(data, parameters(method), current_year or date.today().year)


def covered_codes(method: BudgetMethod) -> tuple[str, ...]:
    """The municipalities a preset shares its budget among: all in its release, or one county's."""
    codes = series(method.release).codes
    if not method.county_id:
        return codes
    county = set(Municipality.objects.filter(county_id=method.county_id).values_list("code", flat=True))
    return tuple(code for code in codes if code in county)


def grouped(method: BudgetMethod, budgets: calculations.Budgets, groups: dict[str, list[str]], year: int):
    """Budgets of groups of municipalities: the sum of the members' budgets, evaluated on the sum of their
    series (same release), one row per group in the order of ``groups``."""
    summed = np.array([budgets.budget_t[[budgets.row(code) for code in codes]].sum() for codes in groups.values()])
    return calculations.evaluate(budgets.series.summed(groups), summed, parameters(method), year)


@dataclass(frozen=True)
class Comparison:
    """One municipality beside its county, its SKR group and all municipalities the preset covers.

    ``budgets`` has one row per area, in the order of ``names`` and ``groups`` (the member codes of each).
    """

    budgets: calculations.Budgets
    names: tuple[str, ...]
    groups: dict[str, list[str]]


def comparison(method: BudgetMethod, municipality: Municipality, current_year: int | None = None) -> Comparison:
    year = current_year or date.today().year
    budgets = municipal_budgets(method, year)
    members = Municipality.objects.filter(code__in=budgets.codes).values_list("code", "county_id", "skr_group")
    groups = {municipality.code: [municipality.code]}
    names = [municipality.name]
    county = [code for code, county_id, _group in members if county_id == municipality.county_id]
    if len(county) < len(budgets.codes):
        groups["county"], names = county, [*names, municipality.county.name]
    if municipality.skr_group:
        groups["group"] = [code for code, _county, group in members if group == municipality.skr_group]
        names.append(municipality.skr_group_name or municipality.skr_group)
    groups["all"] = list(budgets.codes)
    names.append(method.county.name if method.county_id else str(_("Sweden (all municipalities)")))
    return Comparison(budgets=grouped(method, budgets, groups, year), names=tuple(names), groups=groups)
