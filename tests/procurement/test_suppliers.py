"""Contracted suppliers of a procurement: the number rule, adding and removing on the page, the
export and the API."""

import csv
import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.procurement import services
from hallbar.procurement.models import ContractedSupplier

from .factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def test_the_number_is_normalised_checked_and_unique_per_procurement(world_a):
    procurement = ProcurementFactory(organisation=world_a.organisation)
    supplier = services.save_supplier(
        ContractedSupplier(procurement=procurement, org_number=" 16 556012 3456", name=" Buss AB ")
    )
    assert (supplier.org_number, supplier.name) == ("556012-3456", "Buss AB")
    with pytest.raises(ValidationError) as error:
        services.save_supplier(ContractedSupplier(procurement=procurement, org_number="5560123456", name="Igen"))
    assert error.value.message_dict["org_number"] == ["This supplier is already named for the procurement."]
    with pytest.raises(ValidationError) as error:
        services.save_supplier(ContractedSupplier(procurement=procurement, org_number="556012-3457", name="Fel"))
    assert "wrong check digit" in error.value.message_dict["org_number"][0]
    foreign = services.save_supplier(ContractedSupplier(procurement=procurement, org_number="dk 1234 5678", name="X"))
    assert foreign.org_number == "DK12345678"
    other = ProcurementFactory(organisation=world_a.organisation)
    services.save_supplier(ContractedSupplier(procurement=other, org_number="5560123456", name="Buss AB"))


def test_an_editor_adds_and_removes_suppliers_on_the_page(world_a, client_for):
    procurement = ProcurementFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's messages are asserted in English
    url = reverse("procurement:supplier-create", args=[procurement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"org_number": "5560123456", "name": "Buss AB"})
    assert response.status_code == 302
    assert response["Location"].endswith("#suppliers")
    response = client.post(url, {"org_number": "556012-3456", "name": "Buss AB"})
    assert "This supplier is already named for the procurement." in response.content.decode()
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert "Contracted suppliers" in page and "556012-3456" in page and "Buss AB" in page
    supplier = procurement.suppliers.get()
    delete = reverse("procurement:supplier-delete", args=[supplier.pk])
    assert client.get(delete).status_code == 200
    assert client.post(delete)["Location"] == procurement.get_absolute_url() + "#suppliers"
    assert not procurement.suppliers.exists()


def test_readers_and_other_units_cannot_change_suppliers(world_a, client_for):
    procurement = ProcurementFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    supplier = services.save_supplier(ContractedSupplier(procurement=procurement, org_number="5560123456", name="A"))
    reader = client_for(world_a.user(Role.READER))
    assert "Add a supplier" not in reader.get(procurement.get_absolute_url()).content.decode()
    assert reader.post(reverse("procurement:supplier-create", args=[procurement.pk]), {}).status_code == 403
    editor = client_for(world_a.user(Role.EDITOR))  # an editor of another administration
    assert editor.post(reverse("procurement:supplier-delete", args=[supplier.pk])).status_code == 403
    assert procurement.suppliers.exists()


def test_the_export_and_the_api_list_the_suppliers(world_a, client_for, api):
    procurement = ProcurementFactory(organisation=world_a.organisation, title="Bussar")
    services.save_supplier(ContractedSupplier(procurement=procurement, org_number="5560123456", name="Buss AB"))
    services.save_supplier(ContractedSupplier(procurement=procurement, org_number="5560000001", name="Annan AB"))
    response = client_for(world_a.user(Role.READER)).get(reverse("procurement:list") + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    column = len(rows[0]) - 2  # before the id
    assert rows[1][column] == "Annan AB (556000-0001); Buss AB (556012-3456)"
    data = api(world_a.user(Role.READER)).get(f"/api/v1/procurements/{procurement.pk}/").json()
    assert data["suppliers"] == [
        {"org_number": "556000-0001", "name": "Annan AB"},
        {"org_number": "556012-3456", "name": "Buss AB"},
    ]


def test_another_organisations_suppliers_are_not_found(world_a, world_b, client_for):
    procurement = ProcurementFactory(organisation=world_a.organisation)
    supplier = services.save_supplier(ContractedSupplier(procurement=procurement, org_number="5560123456", name="A"))
    client = client_for(world_b.user(Role.COORDINATOR))
    assert client.get(reverse("procurement:supplier-create", args=[procurement.pk])).status_code == 404
    assert client.post(reverse("procurement:supplier-delete", args=[supplier.pk])).status_code == 404
    assert procurement.suppliers.exists()
