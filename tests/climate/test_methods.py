"""Carbon-budget presets: the service rules and the pages (list, detail, create, copy, edit, delete, choose)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hallbar.accounts.roles import Role
from hallbar.climate import queries, services
from hallbar.climate.models import BudgetMethod, ClimateSettings
from hallbar.climate.reference import default_method_key
from hallbar.core.deletion import DeletionRefused
from hallbar.history.models import ChangeRecord

from .factories import method_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped():
    return BudgetMethod.objects.get(organisation=None, key=default_method_key())


def form_data(method: BudgetMethod, **changes) -> dict:
    data = {
        "name": method.name,
        "description": method.description,
        "kind": method.kind,
        "release": method.release_id,
        "budget_t": method.budget_t,
        "start_year": method.start_year,
        "overhead_t": method.overhead_t,
        "overhead_reference_t": method.overhead_reference_t or "",
        "reference_first_year": method.reference_first_year,
        "annual_reduction": method.annual_reduction if method.annual_reduction is not None else "",
        "county": method.county_id or "",
        "horizon_year": method.horizon_year,
    }
    data.update(changes)
    return data


# Services --------------------------------------------------------------------------------------------


def test_a_copy_saved_gets_a_key_version_one_and_who_saved_it(world_a, shipped):
    user = world_a.user(Role.ADMINISTRATOR)
    copy = services.copy_of(shipped, world_a.organisation)
    assert copy.budget_t == shipped.budget_t and copy.overhead_t == 55_000_000
    assert copy.description.startswith(f"Copied from {shipped.name}, version 1.")
    saved = services.save_method(copy, user)
    assert saved.key == "copy-of-paris-budget-grandfathering-cemusuppsala-2023"
    assert (saved.version, saved.changed_by, saved.organisation) == (1, user, world_a.organisation)
    second = services.save_method(services.copy_of(shipped, world_a.organisation), user)
    assert second.key == saved.key + "-2"


def test_each_saved_change_raises_the_version_and_an_unchanged_save_does_not(world_a):
    method = method_for(world_a.organisation)
    coordinator = world_a.user(Role.COORDINATOR)
    method.budget_t = 30_000_000
    assert services.save_method(method, coordinator).version == 2
    method.refresh_from_db()
    assert (method.version, method.changed_by) == (2, coordinator)
    assert services.save_method(method, world_a.user(Role.ADMINISTRATOR)).version == 2
    method.refresh_from_db()
    assert method.changed_by == coordinator
    change = ChangeRecord.objects.filter(object_id=str(method.pk), action="update").get()
    assert change.changes["budget_t"] == [40_000_000, 30_000_000]


def test_shipped_presets_are_read_only(shipped, world_a):
    shipped.budget_t = 1
    with pytest.raises(PermissionDenied):
        services.save_method(shipped, world_a.user(Role.ADMINISTRATOR))
    with pytest.raises(PermissionDenied):
        services.delete_method(shipped)
    assert BudgetMethod.objects.get(pk=shipped.pk).budget_t == 80_000_000


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"budget_t": -5}, "budget_t", "The budget must be larger than zero."),
        ({"start_year": 2051}, "start_year", "The start year must come before the horizon year."),
        ({"kind": "fixed_rate", "annual_reduction": 1.5}, "annual_reduction", "between 0 and 1"),
        ({"kind": "fixed_rate", "annual_reduction": None}, "annual_reduction", "between 0 and 1"),
        ({"reference_first_year": 1980}, "reference_first_year", "The release starts in 1990."),
        ({"reference_first_year": 2021}, "reference_first_year", "The release has data up to 2022"),
    ],
)
def test_impossible_parameters_are_refused_with_the_reason(world_a, changes, field, reason):
    method = method_for(world_a.organisation)
    for name, value in changes.items():
        setattr(method, name, value)
    with pytest.raises(ValidationError) as refusal:
        services.save_method(method, world_a.user(Role.ADMINISTRATOR))
    assert reason in " ".join(refusal.value.message_dict[field])
    assert BudgetMethod.objects.get(pk=method.pk).version == 1


def test_a_preset_in_use_cannot_be_deleted_and_an_unused_one_can(world_a):
    used = method_for(world_a.organisation)
    services.choose_method(world_a.organisation, used)
    with pytest.raises(DeletionRefused) as refusal:
        services.delete_method(used)
    assert "climate settings" in refusal.value.message
    spare = method_for(world_a.organisation, name="Reserv")
    services.delete_method(spare)
    assert not BudgetMethod.objects.filter(pk=spare.pk).exists()


def test_an_organisation_chooses_its_own_or_a_shipped_preset_never_another_organisations(world_a, world_b, shipped):
    own = method_for(world_a.organisation)
    assert queries.method_for(world_a.organisation) == shipped
    services.choose_method(world_a.organisation, own)
    assert queries.method_for(world_a.organisation) == own
    services.choose_method(world_a.organisation, shipped)
    assert ClimateSettings.objects.get(organisation=world_a.organisation).method == shipped
    with pytest.raises(ValidationError):
        services.choose_method(world_a.organisation, method_for(world_b.organisation))
    assert ClimateSettings.objects.get(organisation=world_a.organisation).method == shipped


# Pages -----------------------------------------------------------------------------------------------


def test_the_list_shows_shipped_and_own_presets_only(client_for, world_a, world_b):
    method_for(world_a.organisation, name="A:s egen budget")
    method_for(world_b.organisation, name="B:s egen budget")
    page = client_for(world_a.user(Role.READER)).get("/climate/methods/").content.decode()
    assert "Paris budget, grandfathering (CEMUS/Uppsala 2023)" in page and "Carbon Law" in page
    assert "A:s egen budget" in page and "B:s egen budget" not in page
    assert "New preset" not in page  # readers do not manage presets


def test_the_detail_shows_parameters_units_distributed_budget_and_history(client_for, world_a, shipped):
    page = client_for(world_a.user(Role.READER)).get(f"/climate/methods/{shipped.pk}/").content.decode()
    assert "Overhead reference budget (t CO2)" in page
    assert "The overhead is scaled pro rata" in page
    assert "64,561,404" in page  # 80 Mt × (1 − 55/285)
    assert "CEMUS" in page and "Shipped with Hållbar (read-only)" in page
    assert "Edit" not in page


def test_another_organisations_preset_is_not_found(client_for, world_a, world_b):
    other = method_for(world_b.organisation)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(f"/climate/methods/{other.pk}/").status_code == 404
    assert client.get(f"/climate/methods/new/?copy={other.pk}").status_code == 404
    assert client.post(f"/climate/methods/{other.pk}/delete/").status_code == 404


def test_an_administrator_copies_a_shipped_preset_and_edits_the_copy(client_for, world_a, shipped):
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    form = client.get(f"/climate/methods/new/?copy={shipped.pk}").content.decode()
    assert "Copy of Paris budget" in form
    response = client.post("/climate/methods/new/", form_data(shipped, name="Vår budget", budget_t=70_000_000))
    created = BudgetMethod.objects.get(organisation=world_a.organisation)
    assert response.status_code == 302 and response["Location"] == f"/climate/methods/{created.pk}/"
    assert (created.name, created.budget_t, created.version) == ("Vår budget", 70_000_000, 1)
    client.post(f"/climate/methods/{created.pk}/edit/", form_data(created, budget_t=60_000_000))
    created.refresh_from_db()
    assert (created.budget_t, created.version) == (60_000_000, 2)
    page = client.get(f"/climate/methods/{created.pk}/").content.decode()
    assert "60,000,000" in page and "70000000.0" in page  # the value, and the history's before


def test_the_form_refuses_impossible_parameters_with_the_reason(client_for, world_a, shipped):
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    response = client.post("/climate/methods/new/", form_data(shipped, budget_t=-1, start_year=2060))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The budget must be larger than zero." in page
    assert "The start year must come before the horizon year." in page
    assert not BudgetMethod.objects.filter(organisation=world_a.organisation).exists()


def test_shipped_presets_cannot_be_edited_or_deleted_through_the_pages(client_for, world_a, shipped):
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.post(f"/climate/methods/{shipped.pk}/edit/", form_data(shipped, budget_t=1)).status_code == 403
    assert client.post(f"/climate/methods/{shipped.pk}/delete/").status_code == 403
    assert BudgetMethod.objects.get(pk=shipped.pk).budget_t == 80_000_000


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_only_administrators_and_coordinators_manage_presets(client_for, world_a, shipped, role):
    own = method_for(world_a.organisation)
    client = client_for(world_a.user(role))
    assert client.get("/climate/methods/new/").status_code == 403
    assert client.post(f"/climate/methods/{own.pk}/edit/", form_data(own, budget_t=1)).status_code == 403
    assert client.post("/climate/methods/choose/", {"method": own.pk}).status_code == 403
    assert BudgetMethod.objects.get(pk=own.pk).budget_t == 40_000_000


def test_choosing_and_deleting_through_the_pages(client_for, world_a, world_b):
    own = method_for(world_a.organisation)
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.post("/climate/methods/choose/", {"method": own.pk}).status_code == 302
    assert queries.method_for(world_a.organisation) == own
    refused = client.post(f"/climate/methods/{own.pk}/delete/", follow=True).content.decode()
    assert "cannot be deleted because other records depend on it" in refused
    foreign = method_for(world_b.organisation)
    assert client.post("/climate/methods/choose/", {"method": foreign.pk}).status_code == 200  # not a choice
    assert queries.method_for(world_a.organisation) == own
    spare = method_for(world_a.organisation, name="Reserv")
    assert client.post(f"/climate/methods/{spare.pk}/delete/").status_code == 302
    assert not BudgetMethod.objects.filter(pk=spare.pk).exists()
