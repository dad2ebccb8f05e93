"""The climate API: releases, presets (shipped and own, never another organisation's), budgets per municipality."""

import pytest

from hallbar.accounts.roles import Role

from .factories import method_for


def test_releases_are_listed_with_their_source(api, world_a):
    rows = api(world_a.user(Role.READER)).get("/api/v1/emission-releases/").json()["results"]
    release = next(row for row in rows if row["key"] == "smhi-2024-excl-cement")
    assert release["kind"] == "territorial" and release["last_year"] == 2022 and release["citation"]


def test_methods_are_the_shipped_ones_and_the_callers_own(api, world_a, world_b):
    own = method_for(world_a.organisation, name="A:s budget")
    foreign = method_for(world_b.organisation, name="B:s budget")
    client = api(world_a.user(Role.READER))
    rows = client.get("/api/v1/climate-methods/").json()["results"]
    assert {row["name"] for row in rows} >= {"A:s budget", "Carbon Law, 11.72 % a year from this year"}
    assert "B:s budget" not in {row["name"] for row in rows}
    mine = client.get(f"/api/v1/climate-methods/{own.pk}/").json()
    assert mine["distributed_t"] == pytest.approx(40e6 * (1 - 55 / 285)) and mine["is_shipped"] is False
    assert client.get(f"/api/v1/climate-methods/{foreign.pk}/").status_code == 404


def test_budgets_per_municipality_for_a_preset(api, world_a, world_b):
    client = api(world_a.user(Role.READER))
    default = client.get("/api/v1/climate-budgets/?year=2026")
    assert default.status_code == 200 and default.json()["count"] == 290
    first = default.json()["results"][0]
    assert first["code"] == "0114" and first["name"] == "Upplands Väsby" and first["runs_out"] == "2026-03-23"
    own = method_for(world_a.organisation, name="Halva", budget_t=40_000_000)
    half = client.get(f"/api/v1/climate-budgets/?method={own.pk}&year=2026").json()["results"][0]
    assert half["budget_t"] == pytest.approx(first["budget_t"] / 2)
    foreign = method_for(world_b.organisation)
    refused = client.get(f"/api/v1/climate-budgets/?method={foreign.pk}")
    assert refused.status_code == 400 and "method" in refused.json()
    assert client.get("/api/v1/climate-budgets/?year=abc").status_code == 400


def test_the_climate_api_is_read_only(api, world_a):
    own = method_for(world_a.organisation)
    client = api(world_a.user(Role.ADMINISTRATOR))
    assert client.delete(f"/api/v1/climate-methods/{own.pk}/").status_code == 405
    assert client.post("/api/v1/climate-budgets/", {}).status_code == 405
