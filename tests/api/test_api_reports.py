"""The report builder through the API: definitions, generation, approval (then frozen) and downloads."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.reports import queries
from hallbar.reports.models import Report, ReportVersion
from tests.plans.factories import plan_tree_for
from tests.reports.factories import report_for, version_for

from .helpers import ids

MANAGERS = [Role.ADMINISTRATOR, Role.COORDINATOR]
OTHERS = [Role.EDITOR, Role.READER, Role.AUDITOR]


def _definition(world, **fields) -> dict:
    return {
        "organisation": world.organisation.pk,
        "title": "Hållbarhetsredovisning 2025",
        "plan": plan_tree_for(world.organisation).pk,
        "year": 2025,
        "sections": ["goals", "summary"],
        **fields,
    }


@pytest.mark.parametrize("role", MANAGERS)
def test_managers_define_and_change_a_report(world_a, api, role):
    client = api(world_a.user(role))
    created = client.post("/api/v1/reports/", _definition(world_a), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["sections"] == ["summary", "goals"]  # the sections' own order
    changed = client.patch(f"/api/v1/reports/{created.json()['id']}/", {"tertial": 2}, format="json")
    assert changed.status_code == 200, changed.content
    assert Report.objects.get().tertial == 2


@pytest.mark.parametrize("role", OTHERS)
def test_others_read_reports_but_cannot_write(world_a, api, role):
    report = report_for(world_a.organisation)
    client = api(world_a.user(role))
    assert ids(client.get("/api/v1/reports/")) == {report.pk}
    assert client.post("/api/v1/reports/", _definition(world_a), format="json").status_code == 403
    assert client.patch(f"/api/v1/reports/{report.pk}/", {"title": "Nytt"}, format="json").status_code == 403
    assert client.post(f"/api/v1/reports/{report.pk}/generate/").status_code == 403


def test_the_list_is_the_report_list_query(world_a, api):
    from hallbar.accounts.scoping import Scope

    report_for(world_a.organisation)
    user = world_a.user(Role.READER)
    listed = ids(api(user).get("/api/v1/reports/"))
    assert listed == {report.pk for report in queries.report_list(Scope(user))}


def test_validation_errors_are_the_models_messages(world_a, api):
    client = api(world_a.user(Role.COORDINATOR))
    public = client.post(
        "/api/v1/reports/", _definition(world_a, audience="public", sections=["summary", "audits"]), format="json"
    )
    assert public.status_code == 400
    assert "cannot have these sections" in public.json()["sections"][0]
    unknown = client.post("/api/v1/reports/", _definition(world_a, sections=["gossip"]), format="json")
    assert unknown.status_code == 400 and "sections" in unknown.json()


def test_another_organisations_plan_and_reports_are_not_found(world_a, world_b, api):
    foreign = report_for(world_b.organisation)
    client = api(world_a.user(Role.ADMINISTRATOR))
    response = client.post(
        "/api/v1/reports/", _definition(world_a, plan=plan_tree_for(world_b.organisation).pk), format="json"
    )
    assert response.status_code == 400 and "plan" in response.json()
    assert client.get(f"/api/v1/reports/{foreign.pk}/").status_code == 404
    assert client.post(f"/api/v1/reports/{foreign.pk}/generate/").status_code == 404
    version = version_for(world_b.organisation)
    assert client.get(f"/api/v1/report-versions/{version.pk}/").status_code == 404
    assert client.post(f"/api/v1/report-versions/{version.pk}/approve/").status_code == 404
    assert not ids(client.get("/api/v1/report-versions/"))


def test_generation_approval_and_the_frozen_report(world_a, api, django_capture_on_commit_callbacks):
    report = report_for(world_a.organisation)
    client = api(world_a.user(Role.COORDINATOR))
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(f"/api/v1/reports/{report.pk}/generate/")
    assert queued.status_code == 202, queued.content
    version = ReportVersion.objects.get(pk=queued.json()["id"])
    assert version.status == ReportVersion.Status.DONE  # the same background task as the page's button
    shown = client.get(f"/api/v1/report-versions/{version.pk}/").json()
    assert shown["status"] == "done"
    assert shown["files"]["pdf"].endswith(f"/reports/versions/{version.pk}/pdf/")
    assert set(shown["files"]) == {"pdf", "docx", "xlsx"} and all(shown["files"].values())

    approved = client.post(f"/api/v1/report-versions/{version.pk}/approve/")
    assert approved.status_code == 200 and approved.json()["approved_at"]
    assert client.get(f"/api/v1/reports/{report.pk}/").json()["frozen"] is True

    frozen = "The report has an approved version and is frozen."
    changed = client.patch(f"/api/v1/reports/{report.pk}/", {"title": "Ändrad"}, format="json")
    assert changed.status_code == 400 and frozen in str(changed.json())
    again = client.post(f"/api/v1/reports/{report.pk}/generate/")
    assert again.status_code == 400 and again.json()["detail"] == [frozen]
    assert client.delete(f"/api/v1/reports/{report.pk}/").status_code == 400
    deleted = client.delete(f"/api/v1/report-versions/{version.pk}/")
    assert deleted.status_code == 400 and deleted.json()["detail"] == ["An approved version cannot be deleted."]
    report.refresh_from_db()
    assert report.title != "Ändrad" and report.versions.count() == 1


def test_a_reader_cannot_approve_or_delete_a_version(world_a, api):
    version = version_for(world_a.organisation)
    client = api(world_a.user(Role.READER))
    assert client.post(f"/api/v1/report-versions/{version.pk}/approve/").status_code == 403
    assert client.delete(f"/api/v1/report-versions/{version.pk}/").status_code == 403
    assert api(world_a.user(Role.COORDINATOR)).delete(f"/api/v1/report-versions/{version.pk}/").status_code == 204
