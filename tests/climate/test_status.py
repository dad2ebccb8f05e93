"""The climate status page: emission history, budget status, comparison and the consumption perspective.

Expected numbers are computed here from the read models (queries.comparison, municipal_budgets, the
release series) and looked for on the page as the page formats them (English).
"""

import math
from datetime import date

import pytest
from django.urls import reverse

from hallbar.climate import queries
from hallbar.climate import status as figures
from hallbar.climate.models import BudgetMethod, ClimateSettings, EmissionRelease, Sector
from hallbar.core.numbers import measure
from hallbar.kolada.calculations import quantile
from hallbar.organisations.models import County, Municipality, Organisation
from tests.climate.factories import method_for
from tests.consumption.factories import imported_for

pytestmark = pytest.mark.django_db

LINKOPING = "0580"
OSTERGOTLAND = "05"
YEAR = date.today().year


@pytest.fixture
def linkoping(world_a):
    world_a.organisation.municipality = Municipality.objects.get(code=LINKOPING)
    world_a.organisation.save()
    return world_a


@pytest.fixture
def county_board(world_a):
    organisation = world_a.organisation
    organisation.kind = Organisation.Kind.COUNTY_BOARD
    organisation.county = County.objects.get(code=OSTERGOTLAND)
    organisation.save()
    return world_a


def page(client_for, world):
    response = client_for(world.user("reader")).get(reverse("climate:status"))
    assert response.status_code == 200
    return response, response.content.decode()


def month(fractional_year: float) -> str:
    year = math.floor(fractional_year)
    return date(year, int((fractional_year - year) * 12) + 1, 1).strftime("%B %Y")


def test_budget_status_matches_the_comparison_of_the_preset(linkoping, client_for):
    response, html = page(client_for, linkoping)
    method = queries.method_for(linkoping.organisation)
    municipality = Municipality.objects.get(code=LINKOPING)
    expected = queries.comparison(method, municipality, YEAR).budgets
    status = response.context["status"]

    assert status.budget_t == pytest.approx(expected.budget_t[0])
    assert status.remaining_t == pytest.approx(expected.budget_t[0] - expected.emitted_t[0])
    assert status.annual_reduction == pytest.approx(1 - math.exp(-expected.start_emission_t[0] / expected.budget_t[0]))
    for text in [
        f"{measure(expected.budget_t[0])} t CO2",
        f"{measure(expected.emitted_t[0])} t CO2e",
        f"{measure(status.annual_reduction * 100)} %",
        month(expected.runs_out[0]),
        str(math.floor(expected.trend.zero_year()[0])),
        method.release.name,
        str(method),
    ]:
        assert text in html, text

    # The gap table: trend minus path from the path's first year to the horizon, and its sum.
    years = list(range(expected.path_year, method.horizon_year + 1))
    gaps = expected.trend.at(years)[0] - expected.path(years)[0]
    assert [row.year for row in status.gaps] == years
    assert [row.gap for row in status.gaps] == pytest.approx(gaps.tolist())
    assert status.gap_sum == pytest.approx(gaps.sum())
    assert f"Gap summed to {method.horizon_year}" in html and measure(gaps.sum()) in html


def test_carbon_law_preset_reduces_by_its_fixed_rate_from_this_year(linkoping, client_for):
    law = BudgetMethod.objects.get(organisation=None, key="carbon-law-11-72")
    ClimateSettings.objects.create(organisation=linkoping.organisation, method=law)
    response, html = page(client_for, linkoping)
    status = response.context["status"]
    assert status.annual_reduction == pytest.approx(0.1172) and "11.72 %" in html
    assert status.gaps[0].year == YEAR and status.gaps[-1].year == law.horizon_year
    assert status.budget_t == pytest.approx(status.remaining_t + status.emitted_t)
    assert reverse("climate:method-detail", args=[law.pk]) in html


def test_budget_chart_has_recorded_trend_and_path(linkoping, client_for):
    response, html = page(client_for, linkoping)
    chart = response.context["budget_chart"]
    method = queries.method_for(linkoping.organisation)
    assert [series.label for series in chart.series] == ["Recorded", "Trend (never below zero)", "Reduction path"]
    assert chart.x_labels[0] == str(method.reference_first_year) and chart.x_labels[-1] == str(method.horizon_year)
    recorded, trend, path = (series.values for series in chart.series)
    assert recorded[chart.x_labels.index("2022")] is not None and recorded[-1] is None
    assert min(value for value in trend if value is not None) >= 0
    assert path[chart.x_labels.index(str(method.start_year)) - 1] is None
    assert method.release.name in chart.description and str(method) in chart.description


def test_history_shows_the_sectors_of_the_current_release(linkoping, client_for):
    response, html = page(client_for, linkoping)
    release = queries.current_release(EmissionRelease.Kind.TERRITORIAL)
    chart = response.context["history_chart"]
    assert chart.unit == release.unit and release.name in chart.description
    sectors = queries.sectors(release, "municipality", LINKOPING)
    assert [series.label for series in chart.series] == [str(label) for key, label in Sector.choices if key in sectors]
    transport = next(series for series in chart.series if series.label == str(Sector.TRANSPORT.label))
    assert transport.values[chart.categories.index("2024")] == pytest.approx(sectors[Sector.TRANSPORT][2024])
    assert release.name in html and "Emissions of Linköping by sector" in html


def test_comparison_rows_and_emissions_per_resident(linkoping, client_for):
    response, html = page(client_for, linkoping)
    method = queries.method_for(linkoping.organisation)
    municipality = Municipality.objects.select_related("county").get(code=LINKOPING)
    comparison = queries.comparison(method, municipality, YEAR)
    rows = response.context["comparison"]
    assert [row.name for row in rows] == list(comparison.names)
    assert [row.name for row in rows][1:3] == [municipality.county.name, municipality.skr_group_name]

    year = response.context["per_resident_year"]
    column = list(comparison.budgets.series.years).index(year)
    in_group = Municipality.objects.filter(skr_group=municipality.skr_group)
    covered = set(queries.municipal_budgets(method, YEAR).codes)
    residents = sum(m.population for m in in_group if m.code in covered)
    assert rows[2].per_resident == pytest.approx(comparison.budgets.series.values[2, column] / residents)
    assert rows[0].per_resident == pytest.approx(comparison.budgets.series.values[0, column] / municipality.population)
    assert rows[3].budget_t == pytest.approx(comparison.budgets.budget_t[3])
    assert f"Emissions per resident {year}" in html and measure(rows[2].per_resident) in html
    chart = response.context["per_resident_chart"]
    assert [series.label for series in chart.series] == list(comparison.names)


def test_a_spent_budget_is_shown_as_negative_with_an_explanation(linkoping, client_for):
    small = method_for(linkoping.organisation, budget_t=1_000_000)
    ClimateSettings.objects.update_or_create(organisation=linkoping.organisation, defaults={"method": small})
    response, html = page(client_for, linkoping)
    status = response.context["status"]
    assert status.method == small and status.is_spent
    assert status.remaining_t < 0 and status.runs_out < date(YEAR, 1, 1)
    assert f"{measure(status.remaining_t)} t CO2 (already spent)" in html
    assert "The budget is already spent" in html and measure(status.overshoot_t) in html
    assert "The budget ran out" in html and status.runs_out.strftime("%B %Y") in html


def test_a_budget_that_is_not_spent_has_no_warning(linkoping, client_for):
    large = method_for(linkoping.organisation, budget_t=2_000_000_000)
    ClimateSettings.objects.update_or_create(organisation=linkoping.organisation, defaults={"method": large})
    response, html = page(client_for, linkoping)
    assert response.context["status"].remaining_t > 0
    assert "already spent" not in html


def test_county_board_sees_its_county_and_its_municipalities(county_board, client_for):
    response, html = page(client_for, county_board)
    method = queries.method_for(county_board.organisation)
    budgets = queries.municipal_budgets(method, YEAR)
    members = Municipality.objects.filter(county__code=OSTERGOTLAND).order_by("name")
    codes = [m.code for m in members]
    status = response.context["status"]
    assert status.budget_t == pytest.approx(sum(budgets.budget_t[budgets.row(code)] for code in codes))
    assert status.emitted_t == pytest.approx(sum(budgets.emitted_t[budgets.row(code)] for code in codes))
    assert [row.name for row in response.context["comparison"]] == ["Östergötlands län", "Sweden (all municipalities)"]
    table = response.context["municipalities"]
    assert [row.name for row in table] == [m.name for m in members]
    assert table[0].budget_t == pytest.approx(budgets.budget_t[budgets.row(members[0].code)])
    assert "Climate status: Östergötlands län" in html and "The municipalities of Östergötlands län" in html
    history = response.context["history"]
    release = queries.current_release()
    county_total = queries.series(release, "county")
    assert history.total[-1] == pytest.approx(county_total.values[county_total.index(OSTERGOTLAND), -1])
    consumption = response.context["consumption"]
    assert consumption.peer_name == "the other counties"
    assert consumption.measures[0].peer.n == County.objects.count() - 1
    county = County.objects.get(code=OSTERGOTLAND)
    territorial = consumption.measures[1].peer.own
    per_resident = county_total.values[
        county_total.index(OSTERGOTLAND), list(county_total.years).index(consumption.year)
    ]
    assert territorial == pytest.approx(per_resident / county.population)


def test_organisation_without_municipality_or_county(world_a, client_for):
    response, html = page(client_for, world_a)
    assert response.context["area"] is None
    assert "This organisation has neither" in html


def test_consumption_perspective_with_peers_in_the_skr_group(linkoping, client_for):
    response, html = page(client_for, linkoping)
    consumption = response.context["consumption"]
    release = queries.current_release(EmissionRelease.Kind.CONSUMPTION)
    data = queries.series(release)
    column = list(data.years).index(consumption.year)
    municipality = Municipality.objects.get(code=LINKOPING)
    peer_codes = Municipality.objects.filter(skr_group=municipality.skr_group).exclude(code=LINKOPING)
    peers = sorted(data.values[data.index(code), column] / 1000 for code in peer_codes.values_list("code", flat=True))
    own = data.values[data.index(LINKOPING), column] / 1000
    row = consumption.measures[0].peer
    assert row.own == pytest.approx(own)
    assert row.median == pytest.approx(quantile(peers, 0.5))
    assert (row.lower_quartile, row.upper_quartile) == pytest.approx((quantile(peers, 0.25), quantile(peers, 0.75)))
    assert row.rank == 1 + sum(1 for value in peers if value < own) and row.rank_of == len(peers) + 1
    territorial = consumption.measures[1]
    totals = queries.series(territorial.release)
    expected = totals.values[totals.index(LINKOPING), list(totals.years).index(consumption.year)]
    assert territorial.peer.own == pytest.approx(expected / municipality.population)
    assert f"compared with {municipality.skr_group_name}" in html and measure(own) in html
    assert "Why the numbers differ" in html


def test_own_spend_based_footprint_is_shown_with_a_link(linkoping, client_for):
    imported_for(linkoping.organisation, linkoping.unit)
    response, html = page(client_for, linkoping)
    footprint = response.context["footprint"]
    from hallbar.consumption.models import LedgerAggregate

    rows = LedgerAggregate.objects.filter(organisation=linkoping.organisation, year=footprint.year)
    assert footprint.tonnes == pytest.approx(sum(rows.values_list("kg_co2e", flat=True)) / 1000)
    assert footprint.year == 2024 and f"in 2024: {measure(footprint.tonnes)} t CO2e" in html
    assert reverse("consumption:overview") in html


def test_foreign_footprint_is_not_counted(linkoping, world_b, client_for):
    imported_for(world_b.organisation, world_b.unit)
    response, _html = page(client_for, linkoping)
    assert response.context["footprint"] is None


def test_menu_has_the_climate_status_entry(linkoping, client_for):
    _response, html = page(client_for, linkoping)
    assert f'href="{reverse("climate:status")}"' in html and "Climate status" in html


def test_query_count_does_not_grow_with_data(linkoping, client_for, django_assert_max_num_queries):
    """A county with its many municipalities and an imported ledger read no more than one municipality."""
    client = client_for(linkoping.user("reader"))
    client.get(reverse("climate:status"))  # release series are cached per release version
    with django_assert_max_num_queries(20):  # 3 of them the portal's publish toggle
        client.get(reverse("climate:status"))
    organisation = linkoping.organisation
    organisation.municipality, organisation.county = None, County.objects.get(code=OSTERGOTLAND)
    organisation.save()
    imported_for(organisation, linkoping.unit)
    client.get(reverse("climate:status"))
    with django_assert_max_num_queries(20):
        assert len(client.get(reverse("climate:status")).context["municipalities"]) > 10


def test_page_in_swedish(linkoping, client):
    from django.conf import settings

    client.force_login(linkoping.user("reader"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get(reverse("climate:status")).content.decode()
    area = figures.area_for(linkoping.organisation)
    method = queries.method_for(linkoping.organisation)
    status = figures.status(figures.areas(method, area, YEAR, figures.municipalities()))
    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert f"{months[status.runs_out.month - 1]} {status.runs_out.year}" in html
