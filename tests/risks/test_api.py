"""The risks API: reads scoped and filtered, writes through the services (levels computed, the
workflow's guards, guarded delete), and the matrix for those who manage follow-up."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.risks.models import Risk, RiskMatrix

from .factories import RiskFactory, risk_for


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_and_filters_are_scoped(world_a, world_b, api):
    mine = risk_for(world_a.organisation, world_a.unit)
    chance = RiskFactory(
        organisation=world_a.organisation, kind="opportunity", inherent_likelihood=1, inherent_consequence=1
    )
    risk_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/risks/")) == {mine.pk, chance.pk}
    assert ids(client.get("/api/v1/risks/?kind=opportunity")) == {chance.pk}
    assert ids(client.get("/api/v1/risks/?level=very_high")) == {mine.pk}
    assert ids(client.get("/api/v1/risks/?residual_level=medium")) == {mine.pk}
    assert ids(client.get(f"/api/v1/risks/?responsible_unit={world_a.unit.pk}")) == {mine.pk}
    assert client.get("/api/v1/risks/?level=bogus").status_code == 400
    row = client.get(f"/api/v1/risks/{mine.pk}/").json()
    assert (row["inherent_score"], row["inherent_level"], row["residual_score"]) == (16, "very_high", 8)
    assert row["status"] == "open" and row["review_overdue"] in (True, False)
    assert ids(client.get("/api/v1/risk-matrices/")) == set()  # A uses the default matrix


def test_create_computes_levels_and_checks_the_rules(world_a, world_b, api):
    client = api(world_a.user(Role.EDITOR))
    data = {
        "organisation": world_a.organisation.pk,
        "title": "Cyberangrepp",
        "category": "operational",
        "responsible_unit": world_a.unit.pk,
        "inherent_likelihood": 3,
        "inherent_consequence": 4,
        "inherent_level": "low",  # read-only: ignored
    }
    response = client.post("/api/v1/risks/", data, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["inherent_score"], response.json()["inherent_level"]) == (12, "high")
    assert (
        client.post("/api/v1/risks/", {**data, "responsible_unit": world_a.sibling.pk}, format="json").status_code
        == 403
    )
    response = client.post("/api/v1/risks/", {**data, "treatment_strategy": "pursue"}, format="json")
    assert response.status_code == 400 and "treatment_strategy" in response.json()
    response = client.post("/api/v1/risks/", {**data, "owner": world_b.user(Role.EDITOR).pk}, format="json")
    assert response.status_code == 400 and "owner" in response.json()
    assert Risk.objects.count() == 1


def test_levels_outside_a_smaller_matrix_are_refused(world_a, api):
    RiskMatrix.objects.create(organisation=world_a.organisation, likelihood_levels=3, consequence_levels=3)
    client = api(world_a.user(Role.COORDINATOR))
    response = client.post(
        "/api/v1/risks/",
        {"organisation": world_a.organisation.pk, "title": "x", "inherent_likelihood": 4, "inherent_consequence": 1},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"inherent_likelihood": ["Choose a level from 1 to 3 (the organisation's matrix)."]}


def test_update_status_and_guarded_delete(world_a, world_b, api):
    risk = risk_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(Role.EDITOR))
    response = client.patch(f"/api/v1/risks/{risk.pk}/", {"inherent_consequence": 2}, format="json")
    assert response.status_code == 200 and response.json()["inherent_score"] == 8
    response = client.patch(f"/api/v1/risks/{risk.pk}/", {"organisation": world_b.organisation.pk}, format="json")
    assert response.status_code == 400
    response = client.patch(f"/api/v1/risks/{risk.pk}/", {"status": "closed"}, format="json")
    assert response.json()["status"] == "open"  # read-only: the status moves through /status/

    response = client.post(f"/api/v1/risks/{risk.pk}/status/", {"status": "closed"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == [
        "“Skyfall översvämmar Centrumtunneln” cannot be closed: 1 action is still open."
    ]
    Action.objects.update(status=Action.Status.DONE)
    response = client.post(f"/api/v1/risks/{risk.pk}/status/", {"status": "closed"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert client.post(f"/api/v1/risks/{risk.pk}/status/", {"status": "bogus"}, format="json").status_code == 400

    response = client.delete(f"/api/v1/risks/{risk.pk}/")
    assert response.status_code == 400 and response.json()["dependents"] == ["1 action: Bygg fördröjningsmagasin"]
    Action.objects.all().delete()
    assert client.delete(f"/api/v1/risks/{risk.pk}/").status_code == 204


@pytest.mark.parametrize(("role", "expected"), [(Role.COORDINATOR, 201), (Role.EDITOR, 403), (Role.READER, 403)])
def test_matrix_is_written_by_those_who_manage_follow_up(role, expected, world_a, api):
    risk = RiskFactory(organisation=world_a.organisation, inherent_likelihood=2, inherent_consequence=2)
    client = api(world_a.user(role))
    data = {"organisation": world_a.organisation.pk, "medium_from": 3, "high_from": 6, "very_high_from": 12}
    response = client.post("/api/v1/risk-matrices/", data, format="json")
    assert response.status_code == expected, response.content
    if expected == 201:
        assert response.json()["thresholds"] == [3, 6, 12]
        risk.refresh_from_db()
        assert risk.inherent_level == "medium"  # 4 ≥ 3
        matrix = response.json()["id"]
        response = client.patch(f"/api/v1/risk-matrices/{matrix}/", {"high_from": 2}, format="json")
        assert response.status_code == 400 and "high_from" in response.json()
        response = client.patch(f"/api/v1/risk-matrices/{matrix}/", {"likelihood_labels": ["Sällan"]}, format="json")
        assert response.status_code == 200 and response.json()["likelihood_labels"] == ["Sällan"]
