"""The audit trail records who changed which fields, and deletion refuses when others depend on a record."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.history.context import acting_as
from hallbar.history.models import ChangeRecord
from hallbar.organisations.models import OrganisationUnit

from ..factories import UnitFactory


def test_create_update_delete_are_recorded_with_actor_and_fields(world_a):
    actor = world_a.user(Role.COORDINATOR)
    with acting_as(actor):
        unit = UnitFactory(organisation=world_a.organisation, parent=world_a.unit, name="Ny enhet")
        unit.name = "Omdöpt enhet"
        unit.code = "K123"
        unit.save()
        pk = unit.pk
        unit.delete()
    records = ChangeRecord.objects.filter(object_id=str(pk), content_type__model="organisationunit").order_by("id")
    assert [r.action for r in records] == ["create", "update", "delete"]
    assert all(r.actor == actor and r.organisation == world_a.organisation for r in records)
    assert records[0].changes["name"] == [None, "Ny enhet"]
    assert records[1].changes == {"name": ["Ny enhet", "Omdöpt enhet"], "code": ["", "K123"]}
    assert records[2].changes["name"] == ["Omdöpt enhet", None]


def test_saving_without_changes_records_nothing(world_a):
    before = ChangeRecord.objects.count()
    world_a.unit.save()
    assert ChangeRecord.objects.count() == before


def test_ui_changes_carry_the_logged_in_user(world_a, client_for):
    coordinator = world_a.user(Role.COORDINATOR)
    client = client_for(coordinator)
    response = client.post(
        f"/organisation/units/{world_a.unit.pk}/edit/",
        {
            "name": "Nytt namn",
            "kind": "unit",
            "parent": world_a.administration.pk,
            "code": "",
            "org_number": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    record = ChangeRecord.objects.filter(object_id=str(world_a.unit.pk), action="update").latest("id")
    assert record.actor == coordinator
    page = client.get(f"/history/organisations.organisationunit/{world_a.unit.pk}/").content.decode()
    assert "Nytt namn" in page and coordinator.full_name in page


def test_delete_is_refused_with_the_dependents_named(world_a):
    with pytest.raises(DeletionRefused) as refusal:
        guarded_delete(world_a.administration)
    assert world_a.unit.name in refusal.value.message
    assert OrganisationUnit.objects.filter(pk=world_a.administration.pk).exists()


def test_ui_delete_refusal_is_shown_to_the_user(world_a, client_for):
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    response = client.post(f"/organisation/units/{world_a.administration.pk}/delete/", follow=True)
    assert world_a.unit.name in response.content.decode()
    assert OrganisationUnit.objects.filter(pk=world_a.administration.pk).exists()


def test_leaf_unit_can_be_deleted(world_a, client_for):
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    leaf = UnitFactory(organisation=world_a.organisation, parent=world_a.unit)
    assert client.post(f"/organisation/units/{leaf.pk}/delete/").status_code == 302
    assert not OrganisationUnit.objects.filter(pk=leaf.pk).exists()


def test_unit_form_rejects_moving_under_itself(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        f"/organisation/units/{world_a.administration.pk}/edit/",
        {"name": "X", "kind": "administration", "parent": world_a.unit.pk, "is_active": "on"},
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
