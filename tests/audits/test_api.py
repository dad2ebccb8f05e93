"""The audits API: reads scoped, planning needs CHANGE, conducting WRITE_FINDINGS, writes through the services."""

from hallbar.accounts.roles import Role
from hallbar.audits.models import Audit, ChecklistItem, Finding, Status
from hallbar.nonconformities.queries import for_source

from .factories import ProgrammeFactory, audit_for, clauses


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_lists_are_scoped_and_filtered(world_a, world_b, api):
    audit = audit_for(world_a.organisation, world_a.unit)
    foreign = audit_for(world_b.organisation, world_b.unit)
    other = ProgrammeFactory(organisation=world_a.organisation, year=2025)
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/audit-programmes/")) == {audit.programme_id, other.pk}
    assert ids(client.get("/api/v1/audit-programmes/?year=2025")) == {other.pk}
    assert ids(client.get("/api/v1/audits/?status=in_progress")) == {audit.pk}
    assert ids(client.get("/api/v1/audits/?status=closed")) == set()
    assert client.get("/api/v1/audits/?status=bogus").status_code == 400
    assert ids(client.get(f"/api/v1/checklist-items/?audit={audit.pk}")) == set(
        audit.checklist.values_list("pk", flat=True)
    )
    assert ids(client.get("/api/v1/audit-findings/?kind=minor")) == {audit.findings.get(kind="minor").pk}
    assert client.get(f"/api/v1/audits/{foreign.pk}/").status_code == 404
    row = client.get(f"/api/v1/audits/{audit.pk}/").json()
    assert row["status"] == "in_progress" and row["units"] == [world_a.unit.pk] and len(row["clauses"]) == 3


def test_planning_an_audit(world_a, world_b, api):
    programme = ProgrammeFactory(organisation=world_a.organisation)
    data = {
        "programme": programme.pk,
        "title": "Revision av avfallshanteringen",
        "planned_start": "2026-11-02",
        "units": [world_a.unit.pk],
        "clauses": [item.pk for item in clauses("8.1", "9.1.2")],
        "lead_auditor": world_a.user(Role.AUDITOR).pk,
    }
    assert api(world_a.user(Role.AUDITOR)).post("/api/v1/audits/", data, format="json").status_code == 403
    client = api(world_a.user(Role.COORDINATOR))
    response = client.post("/api/v1/audits/", data, format="json")
    assert response.status_code == 201, response.content
    audit = Audit.objects.get(pk=response.json()["id"])
    assert audit.checklist.count() == 2 and response.json()["status"] == "planned"

    editor = world_a.user(Role.EDITOR)  # editor of the administration, above the unit
    response = client.patch(f"/api/v1/audits/{audit.pk}/", {"team": [editor.pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["team"] == [
        "A editor cannot audit A enhet: they belong to A förvaltning, which A enhet is part of. "
        "Auditors may not audit their own work."
    ]
    other_programme = ProgrammeFactory(organisation=world_a.organisation)
    response = client.patch(f"/api/v1/audits/{audit.pk}/", {"programme": other_programme.pk}, format="json")
    assert response.status_code == 400 and "programme" in response.json()
    response = client.post("/api/v1/audits/", {**data, "units": [world_b.unit.pk]}, format="json")
    assert response.status_code == 400 and "units" in response.json()
    assert Audit.objects.count() == 1


def test_conducting_an_audit(world_a, api):
    audit = audit_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(Role.AUDITOR))
    item = audit.checklist.get(conclusion=ChecklistItem.Conclusion.NOT_CHECKED, clause__isnull=False)
    response = client.patch(
        f"/api/v1/checklist-items/{item.pk}/",
        {"answer": "Instruktionerna finns.", "conclusion": "conforms"},
        format="json",
    )
    assert response.status_code == 200, response.content
    response = client.post("/api/v1/checklist-items/", {"audit": audit.pk, "question": "Egen fråga?"}, format="json")
    assert response.status_code == 201 and response.json()["clause"] is None
    free = ChecklistItem.objects.get(pk=response.json()["id"])
    assert client.delete(f"/api/v1/checklist-items/{free.pk}/").status_code == 204
    response = client.delete(f"/api/v1/checklist-items/{item.pk}/")
    assert response.status_code == 400 and "scope" in response.json()["detail"]

    response = client.post(
        "/api/v1/audit-findings/",
        {
            "audit": audit.pk,
            "kind": "major",
            "title": "Tillstånd saknas",
            "description": "-",
            "checklist_item": item.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    finding = Finding.objects.get(pk=response.json()["id"])
    assert finding.clause == item.clause and for_source(finding).get().severity == "major"
    response = client.delete(f"/api/v1/audit-findings/{finding.pk}/")
    assert response.status_code == 400 and "was raised from it" in response.json()["detail"]

    response = client.patch(f"/api/v1/audits/{audit.pk}/", {"conclusions": "Klart."}, format="json")
    assert response.status_code == 200, response.content
    assert client.patch(f"/api/v1/audits/{audit.pk}/", {"title": "Nytt"}, format="json").status_code == 403
    response = client.post(f"/api/v1/audits/{audit.pk}/transition/", {"transition": "close"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == ["The audit cannot be closed: its status is “In progress”."]
    for step in ("write_report", "close"):
        response = client.post(f"/api/v1/audits/{audit.pk}/transition/", {"transition": step}, format="json")
        assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.CLOSED


def test_readers_cannot_write(world_a, api):
    audit = audit_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(Role.READER))
    finding = audit.findings.get(kind="observation")
    assert client.patch(f"/api/v1/audit-findings/{finding.pk}/", {"title": "x"}, format="json").status_code == 403
    assert client.post(f"/api/v1/audits/{audit.pk}/transition/", {"transition": "write_report"}).status_code == 403
    data = {"organisation": world_a.organisation.pk, "year": 2027, "title": "Internrevisioner 2027"}
    assert client.post("/api/v1/audit-programmes/", data, format="json").status_code == 403
    assert api(world_a.user(Role.COORDINATOR)).post("/api/v1/audit-programmes/", data, format="json").status_code == 201
