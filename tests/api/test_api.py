"""The REST API's own behaviour: authentication, pagination, scoping, permissions, audit trail, reference data.

(The generated all-endpoints isolation test is ``tests/test_isolation.py``; the fuzzing run is
``test_schemathesis.py``.)
"""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.history.models import ChangeRecord
from hallbar.organisations.models import OrganisationUnit

from ..factories import MembershipFactory, UnitFactory, UserFactory

STRUCTURE_ROLES = [Role.ADMINISTRATOR, Role.COORDINATOR]
READ_ONLY_ROLES = [Role.EDITOR, Role.READER, Role.AUDITOR]

LIST_ENDPOINTS = [
    "/api/v1/",
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/units/",
    "/api/v1/memberships/",
    "/api/v1/changes/",
    "/api/v1/municipalities/",
    "/api/v1/counties/",
    "/api/v1/libraries/",
    "/api/v1/framework-items/",
    "/api/v1/mappings/",
]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def unit_count() -> int:
    return OrganisationUnit.objects.count()


# Authentication ----------------------------------------------------------------------------------


def test_token_authentication(world_a, api):
    response = api(world_a.user("reader")).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == "reader@a.example.se"


def test_wrong_or_inactive_token_is_refused(world_a, api):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/v1/me/").status_code == 401

    user = world_a.user("reader")
    client = api(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me/").status_code == 401


def test_session_authentication(world_a, client):
    client.force_login(world_a.user("coordinator"))
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == "coordinator@a.example.se"


def test_session_writes_need_the_csrf_token(world_a):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world_a.user("coordinator"))
    data = {"organisation": world_a.organisation.pk, "name": "Ny enhet"}
    before = unit_count()

    assert client.post("/api/v1/units/", data, format="json").status_code == 403
    assert unit_count() == before

    secret = "s3cr3t" * 5 + "ab"  # 32 characters, as in the CSRF cookie
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    response = client.post("/api/v1/units/", data, format="json", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_anonymous_requests_are_refused(db, api, url):
    response = api().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_writes_are_refused(world_a, api):
    before = unit_count()
    response = api().post("/api/v1/units/", {"organisation": world_a.organisation.pk, "name": "X"}, format="json")
    assert response.status_code == 401
    assert api().delete(f"/api/v1/units/{world_a.unit.pk}/").status_code == 401
    assert unit_count() == before


def test_schema_and_docs_are_public(db, api):
    schema = api().get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = api().get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/api/v1/units/{id}/" in html
    # The data formats are listed field by field.
    unit_section = html[html.index('id="schema-Unit"') : html.index('id="schema-UnitKindEnum"')]
    assert "<code>organisation</code>" in unit_section
    assert "<code>parent</code>" in unit_section
    assert "integer, nullable" in unit_section


def test_schema_generation_is_clean(tmp_path):
    """No drf-spectacular warnings or errors, and the schema validates against the OpenAPI 3 spec."""
    GENERATOR_STATS.reset()  # count this generation's warnings only (the counter is process-wide)
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--api-version", "v1", "--file", str(tmp_path / "schema.yaml")
    )
    assert "/api/v1/units/{id}/" in (tmp_path / "schema.yaml").read_text()


# Pagination --------------------------------------------------------------------------------------


def test_pagination_shape_and_page_size(world_a, api):
    client = api(world_a.user("reader"))
    first = client.get("/api/v1/municipalities/").json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 290
    assert len(first["results"]) == settings.REST_FRAMEWORK["PAGE_SIZE"] == 50
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/municipalities/?page=2")

    last = client.get("/api/v1/municipalities/?page=6").json()
    assert len(last["results"]) == 40
    assert last["next"] is None
    assert last["previous"].endswith("/api/v1/municipalities/?page=5")

    codes = set()
    for page in range(1, 7):
        codes |= {row["code"] for row in client.get(f"/api/v1/municipalities/?page={page}").json()["results"]}
    assert len(codes) == 290

    assert client.get("/api/v1/municipalities/?page=7").status_code == 404
    assert client.get("/api/v1/municipalities/?page=x").status_code == 404


def test_scoped_lists_are_paginated_too(world_a, api):
    for _ in range(55):
        UnitFactory(organisation=world_a.organisation)
    body = api(world_a.user("reader")).get("/api/v1/units/").json()
    assert body["count"] == 59
    assert len(body["results"]) == 50
    assert body["next"] is not None


# Me and organisations ----------------------------------------------------------------------------


def test_me(world_a, world_b, api):
    body = api(world_a.user("editor")).get("/api/v1/me/").json()
    assert body["email"] == "editor@a.example.se"
    assert body["name"] == "A editor"
    assert body["language"] == "sv"
    assert [(m["organisation"], m["unit"], m["role"]) for m in body["memberships"]] == [
        (world_a.organisation.pk, world_a.administration.pk, "editor")
    ]


def test_me_leaves_out_ended_memberships(world_a, world_b, api):
    user = world_a.user("reader")
    ended = MembershipFactory(user=user, organisation=world_b.organisation, role=Role.READER, is_active=False)
    body = api(user).get("/api/v1/me/").json()
    assert ended.pk not in {m["id"] for m in body["memberships"]}


def test_organisations_lists_only_the_callers_organisations(world_a, world_b, api):
    client = api(world_a.user("administrator"))
    assert ids(client.get("/api/v1/organisations/")) == {world_a.organisation.pk}
    assert client.get(f"/api/v1/organisations/{world_a.organisation.pk}/").json()["name"] == "A kommun"
    assert client.get(f"/api/v1/organisations/{world_b.organisation.pk}/").status_code == 404


def test_member_of_two_organisations_sees_both(world_a, world_b, api):
    user = UserFactory()
    MembershipFactory(user=user, organisation=world_a.organisation, role=Role.READER)
    MembershipFactory(user=user, organisation=world_b.organisation, role=Role.READER)
    assert ids(api(user).get("/api/v1/organisations/")) == {world_a.organisation.pk, world_b.organisation.pk}


def test_user_without_membership_sees_nothing(world_a, api):
    client = api(UserFactory())
    for url in ["/api/v1/organisations/", "/api/v1/units/", "/api/v1/memberships/", "/api/v1/changes/"]:
        assert client.get(url).json()["count"] == 0, url
    assert client.get(f"/api/v1/units/{world_a.unit.pk}/").status_code == 404


def test_organisations_are_read_only(world_a, api):
    client = api(world_a.user("administrator"))
    assert client.post("/api/v1/organisations/", {"name": "X"}, format="json").status_code == 405
    url = f"/api/v1/organisations/{world_a.organisation.pk}/"
    assert client.patch(url, {"name": "X"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405


# Units: reading ----------------------------------------------------------------------------------


def test_units_list_is_scoped(world_a, world_b, api):
    client = api(world_a.user("reader"))
    a_units = set(OrganisationUnit.objects.filter(organisation=world_a.organisation).values_list("pk", flat=True))
    assert ids(client.get("/api/v1/units/")) == a_units
    assert client.get(f"/api/v1/units/{world_a.unit.pk}/").json()["depth"] == 2
    assert client.get(f"/api/v1/units/{world_b.unit.pk}/").status_code == 404


def test_units_organisation_filter(world_a, world_b, api):
    user = world_a.user("reader")
    MembershipFactory(user=user, organisation=world_b.organisation, role=Role.READER)
    client = api(user)
    both = ids(client.get("/api/v1/units/"))
    only_a = ids(client.get(f"/api/v1/units/?organisation={world_a.organisation.pk}"))
    only_b = ids(client.get(f"/api/v1/units/?organisation={world_b.organisation.pk}"))
    assert only_a == set(world_a.organisation.units.values_list("pk", flat=True))
    assert only_b == set(world_b.organisation.units.values_list("pk", flat=True))
    assert both == only_a | only_b
    assert ids(client.get("/api/v1/units/?organisation=")) == both


def test_units_organisation_filter_never_reaches_outside_the_scope(world_a, world_b, api):
    client = api(world_a.user("reader"))
    assert client.get(f"/api/v1/units/?organisation={world_b.organisation.pk}").json()["count"] == 0


@pytest.mark.parametrize("value", ["abc", "-1", "0", "²", "99999999999999999999999"])
def test_units_organisation_filter_rejects_bad_values(world_a, api, value):
    response = api(world_a.user("reader")).get("/api/v1/units/", {"organisation": value})
    assert response.status_code == 400
    assert "organisation" in response.json()


# Units: permissions per role ---------------------------------------------------------------------


@pytest.mark.parametrize("role", STRUCTURE_ROLES)
def test_structure_roles_create_update_and_delete_units(world_a, api, role):
    client = api(world_a.user(role))
    created = client.post(
        "/api/v1/units/",
        {"organisation": world_a.organisation.pk, "parent": world_a.committee.pk, "name": "Ny förvaltning"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["organisation"], body["parent"], body["name"], body["depth"], body["kind"]) == (
        world_a.organisation.pk,
        world_a.committee.pk,
        "Ny förvaltning",
        1,
        "unit",
    )
    unit = OrganisationUnit.objects.get(pk=body["id"])

    updated = client.patch(f"/api/v1/units/{unit.pk}/", {"name": "Omdöpt", "kind": "administration"}, format="json")
    assert updated.status_code == 200, updated.content
    unit.refresh_from_db()
    assert (unit.name, unit.kind) == ("Omdöpt", "administration")

    assert client.delete(f"/api/v1/units/{unit.pk}/").status_code == 204
    assert not OrganisationUnit.objects.filter(pk=unit.pk).exists()


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_other_roles_may_not_change_the_structure(world_a, api, role):
    client = api(world_a.user(role))
    before = unit_count()
    target = world_a.unit  # inside the editor's own administration: still not theirs to restructure

    response = client.post(
        "/api/v1/units/",
        {"organisation": world_a.organisation.pk, "parent": world_a.administration.pk, "name": "X"},
        format="json",
    )
    assert response.status_code == 403
    assert client.patch(f"/api/v1/units/{target.pk}/", {"name": "X"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/units/{target.pk}/").status_code == 403

    assert unit_count() == before
    target.refresh_from_db()
    assert target.name == "A enhet"
    # Reading stays allowed.
    assert client.get(f"/api/v1/units/{target.pk}/").status_code == 200


def test_unit_scoped_coordinator_manages_no_structure(world_a, api):
    """As in the UI, the unit tree is changed by people with a role on the whole organisation."""
    user = UserFactory()
    MembershipFactory(user=user, organisation=world_a.organisation, unit=world_a.administration, role=Role.COORDINATOR)
    client = api(user)
    before = unit_count()

    create = {"organisation": world_a.organisation.pk, "parent": world_a.administration.pk, "name": "X"}
    assert client.post("/api/v1/units/", create, format="json").status_code == 403
    # Moving a unit out of their administration, or renaming one, is refused as well.
    move = client.patch(f"/api/v1/units/{world_a.unit.pk}/", {"parent": world_a.sibling.pk}, format="json")
    assert move.status_code == 403
    assert client.delete(f"/api/v1/units/{world_a.unit.pk}/").status_code == 403

    assert unit_count() == before
    world_a.unit.refresh_from_db()
    assert world_a.unit.parent_id == world_a.administration.pk


# Units: validation -------------------------------------------------------------------------------


def test_creating_a_unit_in_a_foreign_organisation_fails_as_unknown_id(world_a, world_b, api):
    client = api(world_a.user("administrator"))
    before = unit_count()
    response = client.post(
        "/api/v1/units/", {"organisation": world_b.organisation.pk, "name": "Inkräktare"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"organisation": [f'Invalid pk "{world_b.organisation.pk}" - object does not exist.']}
    assert unit_count() == before
    assert not OrganisationUnit.objects.filter(name="Inkräktare").exists()


def test_creating_a_unit_under_a_foreign_parent_fails_as_unknown_id(world_a, world_b, api):
    client = api(world_a.user("administrator"))
    before = unit_count()
    response = client.post(
        "/api/v1/units/",
        {"organisation": world_a.organisation.pk, "parent": world_b.committee.pk, "name": "Inkräktare"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"parent": [f'Invalid pk "{world_b.committee.pk}" - object does not exist.']}
    assert unit_count() == before


def test_moving_a_unit_under_a_foreign_parent_fails(world_a, world_b, api):
    client = api(world_a.user("administrator"))
    response = client.patch(f"/api/v1/units/{world_a.unit.pk}/", {"parent": world_b.committee.pk}, format="json")
    assert response.status_code == 400
    assert "does not exist" in response.json()["parent"][0]
    world_a.unit.refresh_from_db()
    assert world_a.unit.parent_id == world_a.administration.pk


def test_parent_from_another_of_the_callers_organisations_is_refused(world_a, world_b, api):
    user = world_a.user("administrator")
    MembershipFactory(user=user, organisation=world_b.organisation, role=Role.ADMINISTRATOR)
    before = unit_count()
    response = api(user).post(
        "/api/v1/units/",
        {"organisation": world_a.organisation.pk, "parent": world_b.committee.pk, "name": "Blandad"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"parent": ["The parent unit must belong to the same organisation."]}
    assert unit_count() == before


def test_a_unit_cannot_move_to_another_organisation(world_a, world_b, api):
    user = world_a.user("administrator")
    MembershipFactory(user=user, organisation=world_b.organisation, role=Role.ADMINISTRATOR)
    response = api(user).patch(
        f"/api/v1/units/{world_a.sibling.pk}/", {"organisation": world_b.organisation.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"organisation": ["A unit cannot move to another organisation."]}
    world_a.sibling.refresh_from_db()
    assert world_a.sibling.organisation == world_a.organisation


@pytest.mark.parametrize("new_parent", ["unit", "administration"])
def test_moving_a_unit_under_its_own_subtree_is_refused(world_a, api, new_parent):
    client = api(world_a.user("coordinator"))
    response = client.patch(
        f"/api/v1/units/{world_a.administration.pk}/", {"parent": getattr(world_a, new_parent).pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"parent": ["A unit cannot be placed under itself or one of its own units."]}
    world_a.administration.refresh_from_db()
    assert world_a.administration.parent_id == world_a.committee.pk


def test_moving_a_unit_moves_its_subtree(world_a, api):
    client = api(world_a.user("coordinator"))
    response = client.patch(f"/api/v1/units/{world_a.administration.pk}/", {"parent": None}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["depth"] == 0
    assert client.get(f"/api/v1/units/{world_a.unit.pk}/").json()["depth"] == 1


def test_organisation_number_is_validated_and_normalised(world_a, api):
    client = api(world_a.user("coordinator"))
    data = {"organisation": world_a.organisation.pk, "name": "Bolaget AB", "kind": "company"}
    wrong = client.post("/api/v1/units/", {**data, "org_number": "2120000143"}, format="json")
    assert wrong.status_code == 400
    assert "org_number" in wrong.json()
    right = client.post("/api/v1/units/", {**data, "org_number": "2120000142"}, format="json")
    assert right.status_code == 201, right.content
    assert right.json()["org_number"] == "212000-0142"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": "Utan organisation"},
        {"organisation": "abc", "name": "X"},
        {"organisation": True, "name": "X"},
        {"organisation": 99999999999999999999999, "name": "X"},
        {"organisation": None, "name": "X"},
        {"name": "", "organisation": 0},
        {"name": "X\x00Y", "organisation": 0},
        {"name": "X", "organisation": 0, "kind": "galaxy"},
    ],
)
def test_invalid_unit_payloads_are_400(world_a, api, payload):
    if payload.get("organisation") == 0:
        payload = {**payload, "organisation": world_a.organisation.pk}
    before = unit_count()
    response = api(world_a.user("coordinator")).post("/api/v1/units/", payload, format="json")
    assert response.status_code == 400, response.content
    assert unit_count() == before


def test_put_is_not_offered(world_a, api):
    client = api(world_a.user("coordinator"))
    response = client.put(
        f"/api/v1/units/{world_a.unit.pk}/", {"organisation": world_a.organisation.pk, "name": "X"}, format="json"
    )
    assert response.status_code == 405


# Units: deleting ---------------------------------------------------------------------------------


def test_deleting_a_unit_with_children_is_refused_naming_them(world_a, api):
    client = api(world_a.user("administrator"))
    before = unit_count()
    response = client.delete(f"/api/v1/units/{world_a.committee.pk}/")
    assert response.status_code == 400
    body = response.json()
    message = body["detail"]
    assert message.startswith("A nämnd cannot be deleted because other records depend on it")
    assert "A förvaltning" in message and "A annan förvaltning" in message
    assert body["dependents"] == ["2 organisational units: A förvaltning, A annan förvaltning"]
    assert unit_count() == before


def test_deleting_a_unit_people_have_roles_on_is_refused_naming_them(world_a, api):
    response = api(world_a.user("administrator")).delete(f"/api/v1/units/{world_a.administration.pk}/")
    assert response.status_code == 400
    dependents = response.json()["dependents"]
    assert "1 organisational unit: A enhet" in dependents
    assert any(line.startswith("1 membership: ") and "A editor" in line for line in dependents)
    assert OrganisationUnit.objects.filter(pk=world_a.administration.pk).exists()


def test_deleting_a_leaf_unit(world_a, api):
    client = api(world_a.user("administrator"))
    assert client.delete(f"/api/v1/units/{world_a.unit.pk}/").status_code == 204
    assert client.get(f"/api/v1/units/{world_a.unit.pk}/").status_code == 404


def test_deleting_a_foreign_unit_is_404(world_a, world_b, api):
    assert api(world_a.user("administrator")).delete(f"/api/v1/units/{world_b.unit.pk}/").status_code == 404
    assert OrganisationUnit.objects.filter(pk=world_b.unit.pk).exists()


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


def test_token_is_per_user(world_a, world_b, api):
    """A token only ever acts as its own user (no cross-organisation leakage through shared keys)."""
    a_token = Token.objects.create(user=world_a.user("reader"))
    b_token = Token.objects.create(user=world_b.user("reader"))
    assert a_token.key != b_token.key
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {b_token.key}")
    assert ids(client.get("/api/v1/organisations/")) == {world_b.organisation.pk}
