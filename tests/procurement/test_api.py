"""The procurement API: scoped lists with filters, the shares, and the reference data."""

import pytest

from hallbar.accounts.roles import Role

from .factories import ProcurementFactory, procurement_for

pytestmark = pytest.mark.django_db


def test_procurements_are_scoped_and_filtered(world_a, world_b, api):
    procurement_for(world_a.organisation, world_a.unit)
    ProcurementFactory(organisation=world_a.organisation, title="Konsulter", year=2024)
    foreign = procurement_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    body = client.get("/api/v1/procurements/").json()
    assert sorted(row["title"] for row in body["results"]) == ["Konsulter", "Livsmedel till skolor"]
    body = client.get("/api/v1/procurements/?requirement=environmental&cpv=158").json()
    [row] = body["results"]
    assert row["cpv_codes"] == ["15000000", "15800000"]
    assert set(row["criteria"]) == {"food-organic", "labour-core-conventions"}
    assert client.get(f"/api/v1/procurements/{foreign.pk}/").status_code == 404
    assert client.get("/api/v1/procurements/?year=abc").status_code == 400


def test_shares_endpoint(world_a, api):
    procurement_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(Role.READER))
    rows = client.get("/api/v1/procurements/shares/?year=2025").json()
    assert rows[0]["is_total"] and rows[0]["count"] == 1
    assert rows[0]["environmental_count_share"] == "100.0"
    assert rows[1]["unit"] == world_a.unit.pk


def test_checks_and_reference_data(world_a, world_b, api):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    procurement_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    body = client.get(f"/api/v1/contract-checks/?procurement={procurement.pk}").json()
    assert [row["criterion"] for row in body["results"]] == ["food-organic"]
    assert client.get("/api/v1/contract-checks/").json()["count"] == 1
    assert client.get("/api/v1/procurement-criteria/food-organic/").json()["level"] == "basic"
    body = client.get("/api/v1/cpv-codes/?search=flygfotogen").json()
    assert [row["code"] for row in body["results"]] == ["09131000"]
    assert client.get("/api/v1/cpv-codes/09131000/").json()["parent"] == "09130000"
