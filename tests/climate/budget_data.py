"""A climate budget whose every figure can be worked out by hand.

A small current release "Test release": municipality 0180 emits 100 t every year 2015–2020 (trend: 100
flat), 0114 emits 300. In 2020, 0180's sectors are transport 60 and heating 40 (shares 0.6 and 0.4).
A preset shares 1 000 t from 2020 by the 2015–2020 emissions: 0180 gets 250 t, starts at E0 = 100, so its
path is 100·exp(−0.4·(year − 2020)): 100, 67.032, 44.933, 30.119 in 2020–2023.

The budget (2020 and three plan years) gives transport 100 % to ``unit`` and heating 50 % to ``sibling``
(20 % of each ceiling is not allocated). Measures: "Buses" (unit, 10 t/year from 2021 for 10 years,
1 000 000 SEK: 10 000 SEK/t) and "Heat pumps" (sibling, 20 t/year from 2022 for 5 years, 200 000 SEK:
2 000 SEK/t). Planned: 0, 10, 30, 30; needed (100 − ceiling): 0, 32.968, 55.067, 69.881.
"""

import math
from dataclasses import dataclass

import pytest

from hallbar.climate import budget_services
from hallbar.climate.models import (
    AreaKind,
    BudgetMethod,
    ClimateBudget,
    Emission,
    EmissionRelease,
    Measure,
    Sector,
    SectorResponsibility,
)
from hallbar.organisations.models import Municipality

CEILINGS = {year: 100 * math.exp(-0.4 * (year - 2020)) for year in (2020, 2021, 2022, 2023)}


@dataclass
class HandBudget:
    world: object
    budget: ClimateBudget
    buses: Measure
    heat_pumps: Measure


def _release() -> EmissionRelease:
    EmissionRelease.objects.filter(kind=EmissionRelease.Kind.TERRITORIAL, is_current=True).update(is_current=False)
    release = EmissionRelease.objects.create(
        key="test-budget",
        name="Test release",
        version="1",
        unit="t CO2e",
        publisher="Test",
        citation="Test",
        first_year=2015,
        last_year=2020,
        is_current=True,
    )
    rows = []
    for year in range(2015, 2021):
        for code, value in (("0180", 100.0), ("0114", 300.0)):
            rows.append(
                Emission(release=release, area_kind=AreaKind.MUNICIPALITY, area_code=code, year=year, value=value)
            )
    for sector, value in ((Sector.TRANSPORT, 60.0), (Sector.HEATING, 40.0)):
        rows.append(
            Emission(
                release=release,
                area_kind=AreaKind.MUNICIPALITY,
                area_code="0180",
                sector=sector,
                year=2020,
                value=value,
            )
        )
    Emission.objects.bulk_create(rows)
    return release


@pytest.fixture(name="hand_budget")
def hand_budget_fixture(world_a) -> HandBudget:
    organisation = world_a.organisation
    organisation.municipality = Municipality.objects.get(code="0180")
    organisation.save()
    method = BudgetMethod.objects.create(
        organisation=organisation,
        key="test",
        name="Test preset",
        kind=BudgetMethod.Kind.BUDGET_SHARE,
        release=_release(),
        budget_t=1000,
        start_year=2020,
        overhead_t=0,
        reference_first_year=2015,
        horizon_year=2050,
    )
    budget = budget_services.save_budget(
        ClimateBudget(
            organisation=organisation, title="Klimatbudget 2020", budget_year=2020, plan_years=3, method=method
        )
    )
    for sector, unit, share in ((Sector.TRANSPORT, world_a.unit, 100), (Sector.HEATING, world_a.sibling, 50)):
        budget_services.save_responsibility(
            SectorResponsibility(budget=budget, sector=sector, unit=unit, share_percent=share)
        )
    buses = budget_services.save_measure(
        Measure(
            budget=budget,
            unit=world_a.unit,
            title="Buses",
            sector=Sector.TRANSPORT,
            effect_t=10,
            cost_sek=1_000_000,
            funding_sek=400_000,
            funding_source="Klimatklivet",
            start_year=2021,
            lifetime_years=10,
        )
    )
    heat_pumps = budget_services.save_measure(
        Measure(
            budget=budget,
            unit=world_a.sibling,
            title="Heat pumps",
            sector=Sector.HEATING,
            effect_t=20,
            cost_sek=200_000,
            start_year=2022,
            lifetime_years=5,
        )
    )
    return HandBudget(world_a, budget, buses, heat_pumps)
