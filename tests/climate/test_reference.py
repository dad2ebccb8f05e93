"""The shipped releases and method presets: loaded once, idempotent, and consistent with their sources."""

import numpy as np
import pytest

from hallbar.climate import queries
from hallbar.climate.models import AreaKind, BudgetMethod, Emission, EmissionRelease, Sector
from hallbar.climate.reference import load_methods, load_releases

pytestmark = pytest.mark.django_db


def test_shipped_releases_are_loaded_with_one_current_per_kind():
    releases = {release.key: release for release in EmissionRelease.objects.all()}
    assert set(releases) >= {"smhi-2026", "smhi-2024-excl-cement", "consumption-2023"}
    assert releases["smhi-2026"].is_current and releases["consumption-2023"].is_current
    assert not releases["smhi-2024-excl-cement"].is_current
    assert (releases["smhi-2026"].first_year, releases["smhi-2026"].last_year) == (1990, 2024)
    assert releases["smhi-2024-excl-cement"].last_year == 2022


def test_loading_again_changes_nothing():
    before = Emission.objects.count()
    assert (load_releases(), load_methods()) == (0, 0)
    assert Emission.objects.count() == before


def test_sector_figures_add_up_to_the_total_within_rounding():
    release = EmissionRelease.objects.get(key="smhi-2026")
    linkoping = queries.sectors(release, AreaKind.MUNICIPALITY, "0580")
    assert set(linkoping) == set(Sector.values)
    total = Emission.objects.get(release=release, area_kind="municipality", area_code="0580", sector="", year=2024)
    assert sum(values[2024] for values in linkoping.values()) == pytest.approx(total.value, abs=0.1)


def test_national_total_is_derived_from_the_national_sectors():
    release = EmissionRelease.objects.get(key="smhi-2026")
    national = Emission.objects.get(release=release, area_kind="country", area_code="SE", sector="", year=2024)
    sectors = Emission.objects.filter(release=release, area_kind="country", year=2024).exclude(sector="")
    assert national.value == pytest.approx(sum(sectors.values_list("value", flat=True)))


def test_default_preset_distributes_80_mt_less_the_pro_rata_overhead():
    method = BudgetMethod.objects.get(organisation=None, key="grandfathering-cemus-2024")
    assert method.distributed_t == pytest.approx(80e6 * (1 - 55 / 285))
    budgets = queries.municipal_budgets(method, current_year=2026)
    assert len(budgets.codes) == 290
    assert budgets.budget_t.sum() == pytest.approx(method.distributed_t)
    assert not np.isnan(budgets.trend.slope).any()


def test_comparison_rows_are_sums_of_their_members():
    from hallbar.organisations.models import Municipality

    method = BudgetMethod.objects.get(organisation=None, key="grandfathering-cemus-2024")
    linkoping = Municipality.objects.get(code="0580")
    comparison = queries.comparison(method, linkoping, current_year=2026)
    assert comparison.names[:2] == ("Linköping", linkoping.county.name)
    all_municipalities = queries.municipal_budgets(method, current_year=2026)
    county = [m.code for m in Municipality.objects.filter(county=linkoping.county)]
    expected = sum(all_municipalities.budget_t[all_municipalities.row(code)] for code in county)
    assert comparison.budgets.budget_t[1] == pytest.approx(expected)
    assert comparison.budgets.budget_t[-1] == pytest.approx(method.distributed_t)
