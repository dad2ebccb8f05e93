"""Building the unit tree through the UI."""

from hallbar.accounts.roles import Role
from hallbar.organisations.models import OrganisationUnit


def test_coordinator_creates_a_unit_under_a_parent(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        "/organisation/units/new/",
        {"name": "Klimatenheten", "kind": "unit", "parent": world_a.administration.pk, "is_active": "on"},
    )
    assert response.status_code == 302, response.context["form"].errors
    unit = OrganisationUnit.objects.get(name="Klimatenheten")
    assert (unit.organisation, unit.parent, unit.depth) == (world_a.organisation, world_a.administration, 2)


def test_parent_from_another_organisation_is_not_offered(world_a, world_b, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post("/organisation/units/new/", {"name": "X", "kind": "unit", "parent": world_b.unit.pk})
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not OrganisationUnit.objects.filter(name="X").exists()


def test_empty_form_shows_errors_next_to_fields(world_a, client_for):
    response = client_for(world_a.user(Role.COORDINATOR)).post("/organisation/units/new/", {})
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_name_error1"' in html


def test_editor_cannot_change_the_structure(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))
    assert client.get("/organisation/units/new/").status_code == 403
    assert client.post(f"/organisation/units/{world_a.unit.pk}/edit/", {"name": "Y"}).status_code == 403
