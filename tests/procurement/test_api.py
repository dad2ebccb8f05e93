"""The procurement API: scoped lists with filters, the shares, the reference data, and writes of
procurements (with suppliers), their status, checks and outcomes under the same rules as the pages."""

from datetime import date

import pytest

from hallbar.accounts.roles import Role
from hallbar.actions import services as action_services
from hallbar.history.models import ChangeRecord
from hallbar.nonconformities.models import Nonconformity
from hallbar.procurement.models import ContractCheck, Procurement

from .factories import ProcurementFactory, procurement_for

pytestmark = pytest.mark.django_db


def test_procurements_are_scoped_and_filtered(world_a, world_b, api):
    procurement_for(world_a.organisation, world_a.unit)
    ProcurementFactory(organisation=world_a.organisation, title="Konsulter", year=2024)
    foreign = procurement_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    body = client.get("/api/v1/procurements/").json()
    assert sorted(row["title"] for row in body["results"]) == ["Konsulter", "Livsmedel till skolor"]
    body = client.get("/api/v1/procurements/?requirement=environmental&cpv=158").json()
    [row] = body["results"]
    assert row["cpv_codes"] == ["15000000", "15800000"]
    assert set(row["criteria"]) == {"food-organic", "labour-core-conventions"}
    assert client.get(f"/api/v1/procurements/{foreign.pk}/").status_code == 404
    assert client.get("/api/v1/procurements/?year=abc").status_code == 400


def test_shares_endpoint(world_a, api):
    procurement_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(Role.READER))
    rows = client.get("/api/v1/procurements/shares/?year=2025").json()
    assert rows[0]["is_total"] and rows[0]["count"] == 1
    assert rows[0]["environmental_count_share"] == "100.0"
    assert rows[1]["unit"] == world_a.unit.pk


def test_checks_and_reference_data(world_a, world_b, api):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    procurement_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    body = client.get(f"/api/v1/contract-checks/?procurement={procurement.pk}").json()
    assert [row["criterion"] for row in body["results"]] == ["food-organic"]
    assert client.get("/api/v1/contract-checks/").json()["count"] == 1
    assert client.get("/api/v1/procurement-criteria/food-organic/").json()["level"] == "basic"
    body = client.get("/api/v1/cpv-codes/?search=flygfotogen").json()
    assert [row["code"] for row in body["results"]] == ["09131000"]
    assert client.get("/api/v1/cpv-codes/09131000/").json()["parent"] == "09130000"


def new_procurement(world, **fields):
    return {
        "organisation": world.organisation.pk,
        "responsible_unit": world.unit.pk,
        "title": "Skolskjuts",
        "year": 2025,
        "procedure": "open",
        "cpv_codes": ["60130000"],
        "criteria": ["climate-fossil-free-transport"],
        "suppliers": [{"org_number": "5560123456", "name": "Buss AB"}],
        **fields,
    }


def test_an_editor_creates_changes_and_deletes_a_procurement_of_their_units(world_a, api):
    editor = world_a.user(Role.EDITOR)
    client = api(editor)
    response = client.post("/api/v1/procurements/", new_procurement(world_a), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["environmental_requirements"]) == ("planned", True)  # the criterion's kind
    assert body["suppliers"] == [{"org_number": "556012-3456", "name": "Buss AB"}]
    procurement = Procurement.objects.get(pk=body["id"])
    assert ChangeRecord.objects.filter(object_id=str(procurement.pk), actor=editor).exists()

    suppliers = [{"org_number": "556012-3456", "name": "Bussbolaget AB"}, {"org_number": "5560000001", "name": "Två"}]
    response = client.patch(
        f"/api/v1/procurements/{procurement.pk}/", {"title": "Skolskjuts 2026", "suppliers": suppliers}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [(s.org_number, s.name) for s in procurement.suppliers.order_by("org_number")] == [
        ("556000-0001", "Två"),
        ("556012-3456", "Bussbolaget AB"),
    ]
    assert client.patch(f"/api/v1/procurements/{procurement.pk}/", {"year": 2024}, format="json").status_code == 200
    assert procurement.suppliers.count() == 2  # not sent: kept

    assert client.delete(f"/api/v1/procurements/{procurement.pk}/").status_code == 204
    assert not Procurement.objects.filter(pk=procurement.pk).exists()


def test_writes_follow_the_rules_of_the_form(world_a, world_b, api):
    client = api(world_a.user(Role.EDITOR))
    # another administration's unit, another organisation's unit, the whole organisation
    assert (
        client.post(
            "/api/v1/procurements/", new_procurement(world_a, responsible_unit=world_a.sibling.pk), format="json"
        ).status_code
        == 403
    )
    response = client.post(
        "/api/v1/procurements/", new_procurement(world_a, responsible_unit=world_b.unit.pk), format="json"
    )
    assert response.status_code == 400
    assert (
        client.post("/api/v1/procurements/", new_procurement(world_a, responsible_unit=None), format="json").status_code
        == 403
    )
    assert (
        api(world_a.user(Role.READER))
        .post("/api/v1/procurements/", new_procurement(world_a), format="json")
        .status_code
        == 403
    )
    response = client.post(
        "/api/v1/procurements/",
        new_procurement(world_a, contract_start="2025-05-01", contract_end="2025-01-01"),
        format="json",
    )
    assert response.json() == {"contract_end": ["The contract cannot end before it starts."]}
    response = client.post(
        "/api/v1/procurements/",
        new_procurement(
            world_a,
            suppliers=[
                {"org_number": "5560123456", "name": "A"},
                {"org_number": "556012-3456", "name": "B"},
                {"org_number": "5560123457", "name": "C"},
            ],
        ),
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["suppliers"] == [
        "Supplier 2: This supplier is already named for the procurement.",
        "Supplier 3: The organisation number 556012-3457 has a wrong check digit. Check for typing errors.",
    ]
    assert not Procurement.objects.exists()  # all or nothing
    response = client.post("/api/v1/procurements/", new_procurement(world_a, status="contracted"), format="json")
    assert Procurement.objects.get(pk=response.json()["id"]).status == "planned"  # the status is not written
    procurement = Procurement.objects.get()
    response = client.patch(
        f"/api/v1/procurements/{procurement.pk}/", {"organisation": world_b.organisation.pk}, format="json"
    )
    assert response.status_code == 400
    response = client.patch(
        f"/api/v1/procurements/{procurement.pk}/", {"responsible_unit": world_a.sibling.pk}, format="json"
    )
    assert response.status_code == 403


def test_status_checks_outcomes_and_guarded_deletes(world_a, api):
    client = api(world_a.user(Role.COORDINATOR))
    procurement = client.post("/api/v1/procurements/", new_procurement(world_a), format="json").json()
    url = f"/api/v1/procurements/{procurement['id']}/"
    response = client.post(url + "status/", {"status": "contracted"}, format="json")
    assert response.status_code == 400
    assert "the contracted value is missing" in response.json()["detail"][0]
    client.patch(url, {"contracted_value_sek": "900000", "contract_start": "2025-08-01"}, format="json")
    assert client.post(url + "status/", {"status": "contracted"}, format="json").json()["status"] == "contracted"

    check = {"procurement": procurement["id"], "requirement": "Fossilfria bussar", "method": "document_check"}
    response = client.post("/api/v1/contract-checks/", {**check, "criterion": "food-organic", "due_date": "2025-10-01"})
    assert response.json() == {"criterion": ["Choose a criterion the procurement uses."]}
    response = client.post(
        "/api/v1/contract-checks/", {**check, "criterion": "climate-fossil-free-transport", "due_date": "2025-10-01"}
    )
    assert response.status_code == 201, response.json()
    check_id = response.json()["id"]
    assert client.patch(f"/api/v1/contract-checks/{check_id}/", {"outcome": "deviation"}).json()["outcome"] == "pending"
    outcome = f"/api/v1/contract-checks/{check_id}/outcome/"
    response = client.post(outcome, {"outcome": "deviation", "checked_on": "2025-10-02"}, format="json")
    assert response.json() == {"findings": ["Describe the deviation."]}
    response = client.post(
        outcome, {"outcome": "deviation", "checked_on": "2025-10-02", "findings": "Dieselbussar"}, format="json"
    )
    assert response.status_code == 200
    nonconformity = Nonconformity.objects.get(pk=response.json()["nonconformity"])
    assert nonconformity.description == "Dieselbussar"
    response = client.delete(f"/api/v1/contract-checks/{check_id}/")
    assert response.status_code == 400
    assert "a nonconformity was raised from it" in response.json()["detail"]
    assert ContractCheck.objects.filter(pk=check_id).exists()
    response = client.delete(url)
    assert response.status_code == 400 and "depend on it" in response.json()["detail"]


def test_a_procurement_followed_up_by_actions_is_not_deleted(world_a, api):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    procurement.checks.all().delete()
    action_services.create_action(
        organisation=world_a.organisation, title="Byt leverantör", reason=procurement, start_date=date(2025, 1, 1)
    )
    response = api(world_a.user(Role.COORDINATOR)).delete(f"/api/v1/procurements/{procurement.pk}/")
    assert response.status_code == 400
    assert "actions follow it up" in response.json()["detail"]
