"""The budgets of all municipalities: the page (sorting, preset), its CSV and XLSX exports and the command."""

import csv
import io

import fastexcel
import pytest
from django.core.management import call_command

from hallbar.accounts.roles import Role
from hallbar.climate import services
from hallbar.climate.results import MunicipalityResult, sorted_rows

from .factories import method_for

pytestmark = pytest.mark.django_db

URL = "/climate/municipalities/"


def rows_of_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_missing_values_sort_last_both_ways():
    def row(code, year):
        return MunicipalityResult(code, code, "", 0, 0, 0, 0, 0, 0, None, year)

    rows = [row("a", None), row("b", 2040), row("c", 2030)]
    assert [r.code for r in sorted_rows(rows, "trend_zero_year")] == ["c", "b", "a"]
    assert [r.code for r in sorted_rows(rows, "trend_zero_year", descending=True)] == ["b", "c", "a"]
    assert [r.code for r in sorted_rows(rows, "nonsense")] == ["a", "b", "c"]


def test_the_page_lists_every_municipality_with_the_preset_release_and_unit(client_for, world_a):
    page = client_for(world_a.user(Role.READER)).get(URL + "?year=2026").content.decode()
    assert page.count('<th scope="row">') == 290
    assert "Paris budget, grandfathering (CEMUS/Uppsala 2023), version 1" in page
    assert "Territorial emissions" in page or "SMHI" in page  # the release's name
    assert "tonnes of CO2 (t CO2)" in page and "Municipalities: 290." in page
    assert 'aria-sort="ascending"' in page and "Upplands Väsby" in page


def test_sorting_by_a_column_and_reversing_it(client_for, world_a):
    client = client_for(world_a.user(Role.READER))
    page = client.get(URL + "?year=2026&sort=budget_t&order=desc").content.decode()
    names = [chunk.split("</th>")[0] for chunk in page.split('<th scope="row">')[1:]]
    assert names[0] == "Luleå" and 'aria-sort="descending"' in page
    ascending = client.get(URL + "?year=2026&sort=budget_t").content.decode()
    assert ascending.split('<th scope="row">')[-1].startswith("Luleå")


def test_the_csv_export_has_every_municipality_and_its_provenance(client_for, world_a):
    response = client_for(world_a.user(Role.READER)).get(URL + "?year=2026&export=csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="carbon-budgets-grandfathering-cemus-2024-v1-2026.csv"'
    )
    rows = rows_of_csv(b"".join(response.streaming_content))
    assert len(rows) == 290
    stockholm = next(row for row in rows if row["Municipality code"] == "0180")
    assert stockholm["Municipality"] == "Stockholm" and stockholm["County"] == "Stockholms län"
    assert stockholm["Preset version"] == "1" and stockholm["Emission release"] == "smhi-2024-excl-cement"
    shares = sum(float(row["Share (%)"]) for row in rows)
    assert shares == pytest.approx(100, abs=0.01)
    budgets = sum(float(row["Budget (t CO2)"]) for row in rows)
    assert budgets == pytest.approx(80e6 * (1 - 55 / 285), abs=100)


def test_the_xlsx_export_has_numbers_as_numbers(client_for, world_a):
    response = client_for(world_a.user(Role.READER)).get(URL + "?year=2026&export=xlsx")
    frame = fastexcel.read_excel(b"".join(response.streaming_content)).load_sheet(0).to_polars()
    assert frame.height == 290
    assert frame["Budget (t CO2)"].dtype.is_float() and frame["Budget (t CO2)"].min() > 0
    assert frame["Municipality code"][0] == "0114"


def test_another_preset_and_the_organisations_choice(client_for, world_a):
    own = method_for(world_a.organisation, name="Halva budgeten", budget_t=40_000_000)
    client = client_for(world_a.user(Role.READER))
    half = rows_of_csv(b"".join(client.get(URL + f"?year=2026&method={own.pk}&export=csv").streaming_content))
    full = rows_of_csv(b"".join(client.get(URL + "?year=2026&export=csv").streaming_content))
    assert float(half[0]["Budget (t CO2)"]) == pytest.approx(float(full[0]["Budget (t CO2)"]) / 2, abs=0.1)
    services.choose_method(world_a.organisation, own)
    assert "Halva budgeten" in client.get(URL).content.decode()


def test_a_county_preset_covers_its_municipalities_only(client_for, world_a):
    from hallbar.organisations.models import County

    own = method_for(world_a.organisation, name="Länets budget", county=County.objects.get(code="25"))
    page = client_for(world_a.user(Role.READER)).get(URL + f"?method={own.pk}").content.decode()
    assert page.count('<th scope="row">') == 14 and "Luleå" in page and "Stockholm" not in page


def test_another_organisations_preset_is_no_choice(client_for, world_a, world_b):
    foreign = method_for(world_b.organisation, name="B:s budget")
    page = client_for(world_a.user(Role.READER)).get(URL + f"?method={foreign.pk}").content.decode()
    assert "B:s budget" not in page and "Paris budget" in page


def test_the_command_writes_the_same_csv(tmp_path, client_for, world_a):
    target = tmp_path / "budgets.csv"
    call_command("climate_budgets", "--year", "2026", "--method", "carbon-law-11-72", "--output", str(target))
    rows = rows_of_csv(target.read_bytes())
    assert len(rows) == 290 and {row["Needed reduction (% per year)"] for row in rows} == {"11.72"}
    assert rows[0]["Preset"] == "Carbon Law, 11.72 % a year from this year"


def test_the_command_refuses_an_unknown_preset():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No preset with the key 'nonsense'"):
        call_command("climate_budgets", "--method", "nonsense")


def test_a_bad_choice_is_explained_and_the_defaults_shown(client_for, world_a, world_b):
    foreign = method_for(world_b.organisation, name="B:s budget")
    page = client_for(world_a.user(Role.READER)).get(URL + f"?method={foreign.pk}&year=1800").content.decode()
    assert 'role="alert"' in page and "Select a valid choice." in page
    assert "Ensure this value is greater than or equal to 1990." in page
    assert "Paris budget" in page and "B:s budget" not in page


def test_a_bad_year_keeps_the_chosen_preset(client_for, world_a):
    own = method_for(world_a.organisation, name="Halva budgeten", budget_t=40_000_000)
    page = client_for(world_a.user(Role.READER)).get(URL + f"?method={own.pk}&year=abc").content.decode()
    assert "Enter a whole number." in page and "Preset Halva budgeten, version 1" in page
