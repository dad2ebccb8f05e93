"""The filters of the results pages: links from the overview to the totals behind a figure, and
supplier figures that are kept for the whole organisation only."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.consumption import queries

from .factories import import_ledger, ledger_csv


@pytest.fixture
def two_units(world_a):
    """Meat and fuel in 2023 and 2024, bought by the unit and by its sibling, and an unmapped account."""
    unit, sibling = world_a.unit.name, world_a.sibling.name
    import_ledger(
        world_a.organisation,
        ledger_csv(
            f"2023-02-10;{unit};7211;5560000001;Charkuteriet AB;1000;;",
            f"2024-02-10;{unit};7211;5560000001;Charkuteriet AB;2000;;",
            f"2024-02-11;{sibling};7211;5560000001;Charkuteriet AB;4000;;",
            f"2024-03-10;{sibling};7511;5560000002;Bensinbolaget AB;8000;;",
            f"2024-03-12;{unit};9999;5560000003;Okänd AB;3000;;",
        ),
    )
    return world_a


def _links(page: str, marker: str) -> list[str]:
    """The hrefs of the totals links in the page whose query string contains ``marker``."""
    start = reverse("consumption:totals") + "?"
    hrefs = []
    for part in page.split('href="')[1:]:
        href = part.split('"', 1)[0].replace("&amp;", "&")
        if href.startswith(start) and marker in href:
            hrefs.append(href)
    return hrefs


def _query(href: str) -> dict:
    return {name: values[0] for name, values in parse_qs(urlsplit(href).query).items()}


def _delete_meat_mapping(world):
    from hallbar.consumption.models import LedgerAggregate

    mapping = LedgerAggregate.objects.filter(organisation=world.organisation, account="7211").first().mapping
    mapping.delete()  # the totals keep their figures with mapping NULL
    return mapping


# The totals page and ?mapping= -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["none", "None", "NONE"])
def test_mapping_none_lists_the_totals_without_a_mapping(client_for, two_units, value):
    _delete_meat_mapping(two_units)
    response = client_for(two_units.user(Role.READER)).get(reverse("consumption:totals") + f"?mapping={value}")
    assert response.status_code == 200
    totals = list(response.context["totals"])
    assert totals and {row.account for row in totals} == {"7211"}  # not the unmapped 9999: that is ?method=
    assert all(row.mapping_id is None for row in totals)


@pytest.mark.parametrize("value", ["abc", "1.5", "12abc", "%00", "-"])
def test_a_mapping_that_is_not_a_number_is_ignored(client_for, two_units, value):
    client = client_for(two_units.user(Role.READER))
    everything = len(client.get(reverse("consumption:totals")).context["totals"])
    response = client.get(reverse("consumption:totals") + f"?mapping={value}")
    assert response.status_code == 200
    assert len(response.context["totals"]) == everything  # the unfiltered list


@pytest.mark.parametrize("value", ["99999999999999999999999", "-99999999999999999999999", "0"])
def test_a_mapping_number_no_mapping_can_have_lists_nothing(client_for, two_units, value):
    response = client_for(two_units.user(Role.READER)).get(reverse("consumption:totals") + f"?mapping={value}")
    assert response.status_code == 200 and not response.context["totals"]


def test_the_export_of_mapping_none_works(client_for, two_units):
    _delete_meat_mapping(two_units)
    response = client_for(two_units.user(Role.READER)).get(reverse("consumption:totals") + "?mapping=none&export=csv")
    assert response.status_code == 200 and "csv" in response["Content-Type"]


# The overview's links ------------------------------------------------------------------------


def test_the_overview_links_totals_without_a_mapping_to_mapping_none(client_for, two_units):
    _delete_meat_mapping(two_units)
    client = client_for(two_units.user(Role.READER))
    page = client.get(reverse("consumption:overview")).content.decode()
    assert "mapping=None" not in page
    links = _links(page, "mapping=none")
    assert len(links) >= 2  # by category, and the hotspots
    for href in links:
        assert client.get(href).status_code == 200


def test_the_totals_behind_a_category_without_a_mapping_add_up_to_its_figure(client_for, two_units):
    _delete_meat_mapping(two_units)
    client = client_for(two_units.user(Role.READER))
    response = client.get(reverse("consumption:overview") + "?year=2024")
    category = next(row for row in response.context["result"].by_category if row["mapping_id"] is None)
    href = next(href for href in _links(response.content.decode(), "mapping=none") if "unit=" not in href)
    totals = client.get(href).context["totals"]
    assert sum(row.kg_co2e for row in totals) == pytest.approx(category["kg"])
    assert sum(row.amount_sek for row in totals) == category["amount"]
    assert sum(row.row_count for row in totals) == category["rows"]


def test_the_category_and_hotspot_links_keep_the_year_and_unit(client_for, two_units):
    client = client_for(two_units.user(Role.READER))
    unit = two_units.unit
    page = client.get(reverse("consumption:overview") + f"?year=2024&unit={unit.pk}").content.decode()
    links = _links(page, "mapping=")
    assert links
    for href in links:
        query = _query(href)
        assert query["year"] == "2024" and query["unit"] == str(unit.pk)
    by_year = _links(page, "year=2023")
    assert by_year and all(_query(href)["unit"] == str(unit.pk) for href in by_year)


def test_the_totals_behind_a_category_add_up_to_its_figure(client_for, two_units):
    client = client_for(two_units.user(Role.READER))
    response = client.get(reverse("consumption:overview") + "?year=2024")
    category = next(row for row in response.context["result"].by_category if row["mapping__prefix"] == "7211")
    href = next(
        href
        for href in _links(response.content.decode(), f"mapping={category['mapping_id']}")
        if "unit=" not in href  # the category row, not a hotspot
    )
    totals = client.get(href).context["totals"]
    assert {row.year for row in totals} == {2024}
    assert sum(row.kg_co2e for row in totals) == pytest.approx(category["kg"])


def test_the_totals_behind_a_hotspot_add_up_to_its_figure(client_for, two_units):
    client = client_for(two_units.user(Role.READER))
    response = client.get(reverse("consumption:overview") + "?year=2024")
    hotspot = next(row for row in response.context["result"].hotspots if row["unit_id"] == two_units.unit.pk)
    href = next(iter(_links(response.content.decode(), f"unit={two_units.unit.pk}&mapping={hotspot['mapping_id']}")))
    totals = client.get(href).context["totals"]
    assert sum(row.kg_co2e for row in totals) == pytest.approx(hotspot["kg"])


# Suppliers are kept for the whole organisation ----------------------------------------------


def test_the_suppliers_page_offers_no_unit_filter_and_says_why(client_for, two_units):
    client = client_for(two_units.user(Role.READER))
    response = client.get(reverse("consumption:suppliers") + f"?unit={two_units.unit.pk}&year=2024")
    assert response.status_code == 200
    assert "unit" not in response.context["filter_form"].fields
    page = response.content.decode()
    assert 'id="filter-unit"' not in page and 'id="filter-year"' in page
    assert "Supplier totals are kept for the whole organisation" in page
    assert {row["org_number"] for row in response.context["suppliers"]} == {
        "556000-0001",
        "556000-0002",
        "556000-0003",
    }


def test_the_suppliers_page_still_filters_by_year(client_for, two_units):
    client = client_for(two_units.user(Role.READER))
    response = client.get(reverse("consumption:suppliers") + "?year=2023")
    assert [row["org_number"] for row in response.context["suppliers"]] == ["556000-0001"]
    assert float(response.context["suppliers"][0]["amount"]) == 1000
    export = client.get(reverse("consumption:suppliers") + "?year=2023&export=csv")
    assert export.status_code == 200
    assert "556000-0002" not in b"".join(export.streaming_content).decode()


def test_a_focused_unit_hides_the_organisations_supplier_figures(two_units):
    reader = two_units.user(Role.READER)
    focused = Scope(reader, organisation=two_units.organisation, focus=two_units.unit)
    result = queries.footprint(focused, queries.Filters())
    assert result.tonnes > 0 and result.suppliers == []
    assert queries.climate_coverage(focused, two_units.organisation.pk, queries.Filters()) == []
    whole = Scope(reader, organisation=two_units.organisation)
    assert queries.footprint(whole, queries.Filters()).suppliers


def test_the_overview_with_the_unit_switcher_set_shows_no_organisation_suppliers(client_for, two_units):
    client = client_for(two_units.user(Role.READER))
    page = client.get(reverse("consumption:overview")).content.decode()
    assert "Suppliers with the largest emissions" in page and "Bensinbolaget AB" in page
    client.post(reverse("web:switch-unit"), {"unit": two_units.unit.pk})
    response = client.get(reverse("consumption:overview"))
    page = response.content.decode()
    assert response.context["result"].tonnes > 0
    assert "Suppliers with the largest emissions" not in page and "Bensinbolaget AB" not in page
    assert "choose all units in the unit switcher to see this table" in page
