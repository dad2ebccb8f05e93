import pytest

from hallbar.accounts.roles import Role

from .factories import imported_for


def test_totals_carry_their_mapping_and_factor_source(api, world_a, world_b):
    imported_for(world_a.organisation, world_a.unit)
    imported_for(world_b.organisation, world_b.unit)
    response = api(world_a.user(Role.READER)).get("/api/v1/footprint-totals/?year=2024")
    rows = response.json()["results"]
    assert response.status_code == 200 and {row["account"] for row in rows} == {"7211", "7511", "9999"}
    fuel = next(row for row in rows if row["account"] == "7511")
    assert fuel["method"] == "activity" and fuel["factor_code"] == "diesel-litres"
    assert fuel["factor_source"].startswith("UK Government GHG Conversion Factors")


@pytest.mark.parametrize("endpoint", ["ledger-imports", "footprint-supplier-totals", "account-mappings"])
def test_lists_show_only_the_callers_organisation(api, world_a, world_b, endpoint):
    imported_for(world_a.organisation, world_a.unit)
    other = imported_for(world_b.organisation, world_b.unit)
    response = api(world_a.user(Role.READER)).get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200 and response.json()["count"] > 0
    assert api(world_a.user(Role.READER)).get(f"/api/v1/ledger-imports/{other.pk}/").status_code == 404


def test_the_api_is_read_only(api, world_a):
    job = imported_for(world_a.organisation, world_a.unit)
    assert api(world_a.user(Role.ADMINISTRATOR)).delete(f"/api/v1/ledger-imports/{job.pk}/").status_code == 405
