"""An organisation's own activity factor: used instead of the shipped one for its ledgers, with its
source shown wherever it is used; the rules of the model and who may change it."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.consumption import services
from hallbar.consumption.models import EmissionFactor, LedgerAggregate, OwnFactor

from .factories import import_ledger, imported_for, ledger_csv, own_factor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def fuel(world_a):
    """800 litres of diesel on account 7511 (the default mapping's activity factor: diesel, litres)."""
    imported_for(world_a.organisation, world_a.unit)
    return LedgerAggregate.objects.get(organisation=world_a.organisation, account="7511")


def test_the_own_factor_replaces_the_shipped_one_and_deleting_it_goes_back(
    world_a, fuel, django_capture_on_commit_callbacks
):
    diesel = EmissionFactor.objects.get(code="diesel-litres")
    assert fuel.kg_co2e == pytest.approx(800 * diesel.kg_co2e_per_unit)
    assert fuel.own_factor is None and fuel.factor_source == diesel.factor_set.name
    with django_capture_on_commit_callbacks(execute=True):
        own = own_factor_for(world_a.organisation)  # 0.5 kg per litre
    fuel.refresh_from_db()
    assert (fuel.method, fuel.factor_id, fuel.own_factor_id) == ("activity", diesel.pk, own.pk)
    assert fuel.kg_co2e == pytest.approx(400.0)
    assert fuel.kg_per_unit == 0.5
    assert fuel.factor_source == "own factor: Drivmedelsbolaget, hållbarhetsbesked 2024, 2024"
    spend_only = LedgerAggregate.objects.get(organisation=world_a.organisation, account="7211")
    assert spend_only.own_factor_id is None  # not an activity total

    with django_capture_on_commit_callbacks(execute=True):
        own.kg_co2e_per_unit = 0.25
        services.save_own_factor(own)
    fuel.refresh_from_db()
    assert fuel.kg_co2e == pytest.approx(200.0)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_own_factor(own)
    fuel.refresh_from_db()
    assert fuel.own_factor_id is None
    assert fuel.kg_co2e == pytest.approx(800 * diesel.kg_co2e_per_unit)


def test_a_new_import_uses_the_own_factor(world_a):
    own_factor_for(world_a.organisation)
    import_ledger(world_a.organisation, ledger_csv(f"2024-01-10;{world_a.unit.name};7511;556;A;1000;10;litres"))
    total = LedgerAggregate.objects.get()
    assert (total.own_factor_id, total.kg_co2e) == (own_factor_for(world_a.organisation).pk, 5.0)


def test_own_factor_rules(world_a, world_b):
    own = own_factor_for(world_a.organisation)
    again = OwnFactor(
        organisation=world_a.organisation, replaces=own.replaces, name="x", kg_co2e_per_unit=1, source="s", year=2024
    )
    with pytest.raises(ValidationError) as error:
        services.save_own_factor(again)
    assert error.value.message_dict["replaces"] == ["The organisation already has its own factor for this one."]
    again.organisation = world_b.organisation  # another organisation may replace the same factor
    services.save_own_factor(again)
    spend = EmissionFactor.objects.filter(factor_set__kind="spend").first()
    wrong = OwnFactor(
        organisation=world_a.organisation, replaces=spend, name="x", kg_co2e_per_unit=-1, source="", year=1800
    )
    with pytest.raises(ValidationError) as error:
        services.save_own_factor(wrong)
    assert set(error.value.message_dict) == {"replaces", "kg_co2e_per_unit", "source", "year"}


def test_a_coordinator_adds_an_own_factor_on_the_page_and_readers_cannot(
    world_a, fuel, client_for, django_capture_on_commit_callbacks
):
    url = reverse("consumption:own-factor-create")
    assert client_for(world_a.user(Role.READER)).get(url).status_code == 403
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(url).status_code == 200
    data = {
        "replaces": EmissionFactor.objects.get(code="diesel-litres").pk,
        "name": "HVO från Macken",
        "kg_co2e_per_unit": "0.3",
        "source": "Macken AB, miljövarudeklaration",
        "url": "https://example.se/hvo",
        "year": "2024",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    own = OwnFactor.objects.get()
    fuel.refresh_from_db()
    assert fuel.own_factor == own  # recomputed on commit (the tests' task backend runs at once)
    page = client.get(reverse("consumption:factor-sets")).content.decode()
    assert "HVO från Macken" in page and "Macken AB, miljövarudeklaration" in page
    page = client.get(reverse("consumption:totals")).content.decode()
    assert "own factor: Macken AB, miljövarudeklaration, 2024" in page
    page = client.get(reverse("consumption:overview")).content.decode()
    assert "own factor: Macken AB, miljövarudeklaration, 2024" in page
    page = client.get(reverse("consumption:mappings") + "?search=7511").content.decode()
    assert "HVO från Macken" in page and "instead of" in page
    response = client.get(reverse("consumption:totals") + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    fuel_row = next(row for row in rows if row[2] == "7511")
    assert "HVO från Macken" in fuel_row and "0.3" in fuel_row

    delete = reverse("consumption:own-factor-delete", args=[own.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302
    fuel.refresh_from_db()
    assert fuel.own_factor is None


def test_the_api_gives_the_value_and_source_used(world_a, fuel, api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        own = own_factor_for(world_a.organisation)
    body = api(world_a.user(Role.READER)).get(f"/api/v1/footprint-totals/{fuel.pk}/").json()
    assert (body["own_factor"], body["factor_kg_co2e_per_unit"]) == (own.pk, 0.5)
    assert body["factor_source"].endswith("Drivmedelsbolaget, hållbarhetsbesked 2024, 2024")


def test_another_organisations_own_factors_are_neither_found_nor_listed(world_a, world_b, client_for):
    own = own_factor_for(world_a.organisation)
    client = client_for(world_b.user(Role.COORDINATOR))
    assert client.get(reverse("consumption:own-factor-edit", args=[own.pk])).status_code == 404
    assert client.post(reverse("consumption:own-factor-delete", args=[own.pk])).status_code == 404
    assert own.name not in client.get(reverse("consumption:factor-sets")).content.decode()
    assert OwnFactor.objects.filter(pk=own.pk).exists()
