"""The context API: reads scoped and filtered, writes through the services, the scope versions' rules."""

from datetime import date

from hallbar.accounts.roles import Role
from hallbar.actions.services import create_action
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from tests.plans.factories import GoalFactory

from .factories import InterestedPartyFactory, ScanItemFactory, party_for, scan_item_for, scope_draft_for, version


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_lists_are_scoped_and_filtered(world_a, world_b, api):
    party = party_for(world_a.organisation, world_a.unit)
    low = InterestedPartyFactory(organisation=world_a.organisation, relevance="low")
    party_for(world_b.organisation)
    item = scan_item_for(world_a.organisation, world_a.unit)
    archived = ScanItemFactory(organisation=world_a.organisation, status="archived", category="legal")
    scan_item_for(world_b.organisation)
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/interested-parties/")) == {party.pk, low.pk}
    assert ids(client.get("/api/v1/interested-parties/?relevance=high")) == {party.pk}
    assert ids(client.get("/api/v1/interested-parties/?is_compliance_obligation=true")) == {party.pk}
    assert ids(client.get("/api/v1/scan-items/")) == {item.pk, archived.pk}
    assert ids(client.get("/api/v1/scan-items/?status=active&time_horizon=long")) == {item.pk}
    assert ids(client.get("/api/v1/scan-items/?category=legal")) == {archived.pk}
    assert client.get("/api/v1/scan-items/?category=bogus").status_code == 400
    row = client.get(f"/api/v1/scan-items/{item.pk}/").json()
    assert row["goals"] and row["source_url"] == "https://www.smhi.se/klimat" and row["impact_size"] == "large"


def test_party_written_by_an_editor_of_the_unit(world_a, api):
    client = api(world_a.user(Role.EDITOR))
    data = {
        "organisation": world_a.organisation.pk,
        "name": "Företagarna",
        "category": "businesses",
        "needs": "Förutsägbara regler.",
        "relevance": "medium",
        "responsible_unit": world_a.unit.pk,
    }
    response = client.post("/api/v1/interested-parties/", data, format="json")
    assert response.status_code == 201, response.content
    assert (
        client.post(
            "/api/v1/interested-parties/", {**data, "responsible_unit": world_a.sibling.pk}, format="json"
        ).status_code
        == 403
    )
    response = client.post("/api/v1/interested-parties/", {**data, "is_compliance_obligation": True}, format="json")
    assert response.status_code == 400
    assert response.json() == {"obligation_note": ["Say which of the needs become compliance obligations."]}
    assert InterestedParty.objects.count() == 1


def test_scan_item_goals_and_address_are_checked(world_a, world_b, api):
    own, foreign = (
        GoalFactory(plan__organisation=world_a.organisation),
        GoalFactory(plan__organisation=world_b.organisation),
    )
    client = api(world_a.user(Role.COORDINATOR))
    data = {
        "organisation": world_a.organisation.pk,
        "title": "Ny EU-taxonomi",
        "category": "legal",
        "impact": "negative",
        "time_horizon": "short",
        "goals": [own.pk],
    }
    response = client.post("/api/v1/scan-items/", data, format="json")
    assert response.status_code == 201, response.content
    assert list(ScanItem.objects.get().goals.all()) == [own]
    response = client.post("/api/v1/scan-items/", {**data, "goals": [foreign.pk]}, format="json")
    assert response.status_code == 400 and "goals" in response.json()
    response = client.post("/api/v1/scan-items/", {**data, "source_url": "ftp://example.se/"}, format="json")
    assert response.status_code == 400 and "source_url" in response.json()
    item = ScanItem.objects.get()
    response = client.patch(f"/api/v1/scan-items/{item.pk}/", {"organisation": world_b.organisation.pk}, format="json")
    assert response.status_code == 400
    response = client.patch(f"/api/v1/scan-items/{item.pk}/", {"status": "archived"}, format="json")
    assert response.status_code == 200 and response.json()["goals"] == [own.pk]


def test_delete_refused_while_an_action_refers_to_it(world_a, api):
    item = scan_item_for(world_a.organisation, world_a.unit)
    create_action(organisation=world_a.organisation, title="Skyfallsplan", reason=item)
    client = api(world_a.user(Role.COORDINATOR))
    response = client.delete(f"/api/v1/scan-items/{item.pk}/")
    assert response.status_code == 400 and response.json()["dependents"] == ["1 action: Skyfallsplan"]
    party = party_for(world_a.organisation)
    assert client.delete(f"/api/v1/interested-parties/{party.pk}/").status_code == 204


def test_scope_versions(world_a, api):
    client = api(world_a.user(Role.COORDINATOR))
    data = {"organisation": world_a.organisation.pk, "text": "Hela kommunen.", "valid_from": "2026-01-01"}
    response = client.post("/api/v1/scope-statements/", {**data, "units": [world_a.unit.pk]}, format="json")
    assert response.status_code == 201, response.content
    draft = response.json()
    assert (draft["version"], draft["state"], draft["units"]) == (1, "draft", [world_a.unit.pk])

    response = client.post("/api/v1/scope-statements/", data, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Version 1 is a draft: change or approve it before writing another version."]
    }

    url = f"/api/v1/scope-statements/{draft['id']}/"
    response = client.patch(url, {"approved_by": "Kommunstyrelsen", "approved_on": "2025-06-01"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "current"
    response = client.patch(url, {"text": "Ändrad"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Version 1 is approved and is not changed: write a new version of the scope instead."]
    }
    response = client.delete(url)
    assert response.status_code == 400
    assert response.json()["detail"] == "Version 1 of the scope is approved: it is a record and is not deleted."

    response = client.post("/api/v1/scope-statements/", {**data, "approved_by": "KF", "approved_on": "2025-07-01"})
    assert response.status_code == 201
    states = {row["version"]: row["state"] for row in client.get("/api/v1/scope-statements/").json()["results"]}
    assert states == {2: "current", 1: "replaced"}


def test_scope_is_written_by_those_who_change_the_whole_organisation(world_a, world_b, api):
    draft = scope_draft_for(world_a.organisation)
    editor = api(world_a.user(Role.EDITOR))
    response = editor.patch(f"/api/v1/scope-statements/{draft.pk}/", {"text": "Ändrad"}, format="json")
    assert response.status_code == 403
    assert editor.delete(f"/api/v1/scope-statements/{draft.pk}/").status_code == 403
    other = version(world_b.organisation)
    coordinator = api(world_a.user(Role.COORDINATOR))
    assert coordinator.get(f"/api/v1/scope-statements/{other.pk}/").status_code == 404
    assert coordinator.delete(f"/api/v1/scope-statements/{draft.pk}/").status_code == 204
    assert list(ScopeStatement.objects.filter(organisation=world_a.organisation).values_list("version", flat=True)) == [
        1
    ]
    assert ScopeStatement.objects.get(organisation=world_a.organisation).approved_on == date(2025, 1, 15)
