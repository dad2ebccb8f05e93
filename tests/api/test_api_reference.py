"""The API's memberships, audit trail, framework libraries and reference lists."""

import pytest
from django.contrib.contenttypes.models import ContentType

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.history.models import ChangeRecord
from hallbar.organisations.models import OrganisationUnit

from .helpers import ids

# Memberships and changes -------------------------------------------------------------------------


def test_memberships_are_scoped(world_a, world_b, api):
    client = api(world_a.user("reader"))
    expected = set(Membership.objects.filter(organisation=world_a.organisation).values_list("pk", flat=True))
    assert ids(client.get("/api/v1/memberships/")) == expected
    assert len(expected) == len(Role.values)
    foreign = Membership.objects.filter(organisation=world_b.organisation).first()
    assert client.get(f"/api/v1/memberships/{foreign.pk}/").status_code == 404
    own = Membership.objects.get(user=world_a.user("editor"))
    body = client.get(f"/api/v1/memberships/{own.pk}/").json()
    assert (body["email"], body["role"], body["unit"]) == ("editor@a.example.se", "editor", world_a.administration.pk)


def test_memberships_are_read_only(world_a, api):
    client = api(world_a.user("administrator"))
    own = Membership.objects.get(user=world_a.user("reader"))
    assert client.patch(f"/api/v1/memberships/{own.pk}/", {"role": "administrator"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/memberships/{own.pk}/").status_code == 405


def test_changes_are_scoped(world_a, world_b, api):
    client = api(world_a.user("auditor"))
    expected = set(ChangeRecord.objects.filter(organisation=world_a.organisation).values_list("pk", flat=True))
    assert expected
    listed = set()
    url = "/api/v1/changes/"
    while url:
        page = client.get(url).json()
        listed |= {row["id"] for row in page["results"]}
        url = page["next"]
    assert listed == expected
    foreign = ChangeRecord.objects.filter(organisation=world_b.organisation).first()
    assert client.get(f"/api/v1/changes/{foreign.pk}/").status_code == 404


def _changes_of(client, model: str, object_id: int) -> list[dict]:
    rows, url = [], "/api/v1/changes/"
    while url:
        page = client.get(url).json()
        rows += [row for row in page["results"] if row["model"] == model and row["object_id"] == str(object_id)]
        url = page["next"]
    return rows


@pytest.mark.parametrize("authentication", ["token", "session"])
def test_every_api_change_is_in_the_audit_trail_with_the_acting_user(world_a, api, authentication):
    user = world_a.user("coordinator")
    if authentication == "token":
        client = api(user)
    else:
        client = api()
        client.force_login(user)

    created = client.post(
        "/api/v1/units/", {"organisation": world_a.organisation.pk, "name": "Spårad enhet"}, format="json"
    ).json()
    unit_id = created["id"]
    assert client.patch(f"/api/v1/units/{unit_id}/", {"name": "Spårad, omdöpt"}, format="json").status_code == 200
    assert client.delete(f"/api/v1/units/{unit_id}/").status_code == 204

    rows = _changes_of(api(world_a.user("reader")), "organisations.organisationunit", unit_id)
    assert [row["action"] for row in rows] == ["delete", "update", "create"]  # newest first
    assert {row["actor"] for row in rows} == {"coordinator@a.example.se"}
    assert {row["organisation"] for row in rows} == {world_a.organisation.pk}
    assert rows[1]["changes"] == {"name": ["Spårad enhet", "Spårad, omdöpt"]}
    assert rows[2]["changes"]["name"] == [None, "Spårad enhet"]


def test_refused_changes_leave_no_trace(world_a, world_b, api):
    before = ChangeRecord.objects.count()
    admin = api(world_a.user("administrator"))
    admin.post("/api/v1/units/", {"organisation": world_b.organisation.pk, "name": "X"}, format="json")
    admin.delete(f"/api/v1/units/{world_a.committee.pk}/")
    api(world_a.user("reader")).patch(f"/api/v1/units/{world_a.unit.pk}/", {"name": "X"}, format="json")
    assert ChangeRecord.objects.count() == before
    assert not ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(OrganisationUnit), object_repr="X"
    ).exists()


# Framework libraries -----------------------------------------------------------------------------


def test_libraries(world_a, api):
    client = api(world_a.user("reader"))
    urns = {row["urn"] for row in client.get("/api/v1/libraries/").json()["results"]}
    assert {"urn:hallbar:library:sdg", "urn:hallbar:library:miljomal", "urn:hallbar:library:iso14001"} <= urns
    sdg = client.get("/api/v1/libraries/urn:hallbar:library:sdg/")
    assert sdg.status_code == 200
    assert sdg.json()["kind"] == "goals"
    assert client.get("/api/v1/libraries/urn:hallbar:library:nope/").status_code == 404


@pytest.mark.parametrize(
    ("urn", "ref", "parent"),
    [
        ("urn:hallbar:sdg:goal:13", "13", None),
        ("urn:hallbar:sdg:target:13.2", "13.2", "urn:hallbar:sdg:goal:13"),
        ("urn:hallbar:sdg:indicator:13.2.1", "13.2.1", "urn:hallbar:sdg:target:13.2"),
    ],
)
def test_item_lookup_by_urn_with_colons_and_dots(world_a, api, urn, ref, parent):
    response = api(world_a.user("reader")).get(f"/api/v1/framework-items/{urn}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["urn"], body["ref"], body["parent"], body["library"]) == (urn, ref, parent, "urn:hallbar:library:sdg")


def test_item_urls_without_trailing_slash_redirect(world_a, api):
    response = api(world_a.user("reader")).get("/api/v1/framework-items/urn:hallbar:sdg:target:13.2")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/framework-items/urn:hallbar:sdg:target:13.2/")


def test_unknown_items_are_404(world_a, api):
    client = api(world_a.user("reader"))
    assert client.get("/api/v1/framework-items/urn:hallbar:sdg:target:99.9/").status_code == 404
    assert client.get("/api/v1/framework-items/not-a-urn/").status_code == 404


def test_item_search(world_a, api):
    client = api(world_a.user("reader"))
    english = client.get("/api/v1/framework-items/", {"q": "climate policies"}).json()
    assert "urn:hallbar:sdg:target:13.2" in {row["urn"] for row in english["results"]}
    swedish = client.get("/api/v1/framework-items/", {"q": "klimatåtgärder"}).json()
    assert "urn:hallbar:sdg:target:13.2" in {row["urn"] for row in swedish["results"]}
    assert client.get("/api/v1/framework-items/", {"q": "qwxyzzy"}).json()["count"] == 0
    everything = client.get("/api/v1/framework-items/").json()["count"]
    assert client.get("/api/v1/framework-items/", {"q": "   "}).json()["count"] == everything


def test_item_library_filter(world_a, api):
    client = api(world_a.user("reader"))
    body = client.get("/api/v1/framework-items/", {"library": "urn:hallbar:library:miljomal"}).json()
    assert body["count"] > 0
    assert {row["library"] for row in body["results"]} == {"urn:hallbar:library:miljomal"}
    combined = client.get("/api/v1/framework-items/", {"library": "urn:hallbar:library:sdg", "q": "13.2"}).json()
    assert "urn:hallbar:sdg:target:13.2" in {row["urn"] for row in combined["results"]}
    assert {row["library"] for row in combined["results"]} == {"urn:hallbar:library:sdg"}
    assert client.get("/api/v1/framework-items/", {"library": "urn:hallbar:library:nope"}).json()["count"] == 0


def test_framework_query_parameters_reject_nul(world_a, api):
    client = api(world_a.user("reader"))
    assert client.get("/api/v1/framework-items/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/api/v1/framework-items/", {"library": "\x00"}).status_code == 400
    assert client.get("/api/v1/mappings/", {"item": "\x00"}).status_code == 400


def test_mappings_filtered_by_item(world_a, api):
    client = api(world_a.user("reader"))
    item = "urn:hallbar:sdg:target:7.3"
    body = client.get("/api/v1/mappings/", {"item": item}).json()
    assert body["count"] >= 1
    assert all(item in (row["source"], row["target"]) for row in body["results"])
    assert client.get("/api/v1/mappings/").json()["count"] > body["count"]
    assert client.get("/api/v1/mappings/", {"item": "urn:hallbar:nope"}).json()["count"] == 0


# Municipalities and counties ---------------------------------------------------------------------


def test_municipalities(world_a, api):
    client = api(world_a.user("reader"))
    assert client.get("/api/v1/municipalities/").json()["count"] == 290
    linkoping = client.get("/api/v1/municipalities/0580/")
    assert linkoping.status_code == 200
    assert (linkoping.json()["name"], linkoping.json()["county"]) == ("Linköping", "05")
    assert client.get("/api/v1/municipalities/9999/").status_code == 404
    assert client.get("/api/v1/municipalities/580/").status_code == 404


def test_counties(world_a, api):
    client = api(world_a.user("reader"))
    assert client.get("/api/v1/counties/").json()["count"] == 21
    county = client.get("/api/v1/counties/05/")
    assert county.status_code == 200
    assert county.json()["name"] == "Östergötlands län"
    assert client.get("/api/v1/counties/99/").status_code == 404
