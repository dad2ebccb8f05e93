"""The API's unit endpoints: reading, permissions per role, validation and deleting."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.organisations.models import OrganisationUnit

from ..factories import MembershipFactory, UserFactory
from .helpers import READ_ONLY_ROLES, STRUCTURE_ROLES, ids, unit_count

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
