"""The audit pages: planning, conducting, the workflow buttons, permissions, exports and query counts."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.audits import services, workflow
from hallbar.audits.models import Audit, AuditProgramme, ChecklistItem, Finding, Status
from hallbar.history.models import ChangeRecord
from hallbar.nonconformities.queries import for_source

from .factories import AuditFactory, ProgrammeFactory, audit_for, clauses


def audit_data(world, **overrides):
    data = {
        "title": "Revision av kemikaliehanteringen",
        "objectives": "Följs rutinerna?",
        "planned_start": "2026-05-04",
        "planned_end": "2026-05-05",
        "units": [world.unit.pk],
        "clauses": [item.pk for item in clauses("6.1.2", "8.1")],
        "lead_auditor": world.user(Role.AUDITOR).pk,
        "team": [world.user(Role.READER).pk],
    }
    return {**data, **overrides}


def test_coordinator_plans_a_programme_and_an_audit(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    form = client.get(reverse("audits:programme-create"))
    assert form.status_code == 200
    response = client.post(
        reverse("audits:programme-create"),
        {"title": "Internrevisioner 2026", "year": "2026", "aims": "Täcka alla förvaltningar på tre år."},
    )
    assert response.status_code == 302, response.context["form"].errors
    programme = AuditProgramme.objects.get()
    assert programme.organisation == world_a.organisation

    page = client.get(reverse("audits:create", args=[programme.pk])).content.decode()
    assert '<optgroup label="ISO 14001:2015' in page  # clauses grouped by standard
    response = client.post(reverse("audits:create", args=[programme.pk]), audit_data(world_a))
    assert response.status_code == 302, response.context["form"].errors
    audit = Audit.objects.get()
    assert response["Location"] == audit.get_absolute_url()
    assert (audit.programme, audit.lead_auditor, list(audit.team.all())) == (
        programme,
        world_a.user(Role.AUDITOR),
        [world_a.user(Role.READER)],
    )
    assert list(audit.checklist.values_list("clause__ref", flat=True)) == ["6.1.2", "8.1"]
    page = client.get(audit.get_absolute_url()).content.decode()
    assert "Revision av kemikaliehanteringen" in page and "A enhet" in page and "6.1.2" in page
    assert "Revision av kemikaliehanteringen" in client.get(programme.get_absolute_url()).content.decode()


def test_the_form_refuses_an_auditor_of_their_own_unit(world_a, client_for, english):
    programme = ProgrammeFactory(organisation=world_a.organisation)
    client = client_for(world_a.user(Role.COORDINATOR))
    editor = world_a.user(Role.EDITOR)  # editor of the administration, above the unit audited
    response = client.post(reverse("audits:create", args=[programme.pk]), audit_data(world_a, team=[editor.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["team"] == [
        "A editor cannot audit A enhet: they belong to A förvaltning, which A enhet is part of. "
        "Auditors may not audit their own work."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Audit.objects.exists()


def test_auditor_conducts_the_audit(world_a, client_for):
    audit = services.create_audit(
        programme=ProgrammeFactory(organisation=world_a.organisation),
        title="Revision av förrådet",
        planned_start=date(2026, 6, 1),
        lead_auditor=world_a.user(Role.AUDITOR),
        units=[world_a.unit],
        clauses=clauses("8.1"),
    )
    client = client_for(world_a.user(Role.AUDITOR))
    response = client.post(reverse("audits:transition", args=[audit.pk]), {"transition": "start"})
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == Status.IN_PROGRESS

    response = client.post(reverse("audits:question-create", args=[audit.pk]), {"question": "Finns spillskydd?"})
    assert response.status_code == 302
    free = audit.checklist.get(clause=None)
    assert response["Location"].endswith(f"#item-{free.pk}")

    generated = audit.checklist.get(clause__isnull=False)
    page = client.get(reverse("audits:checklist", args=[audit.pk]))
    assert page.status_code == 200 and len(page.context["formset"].forms) == 2
    data = {
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "2",
        "items-0-id": str(generated.pk),
        "items-0-question": generated.question,
        "items-0-answer": "Rutinen finns men följs inte.",
        "items-0-conclusion": "finding",
        "items-1-id": str(free.pk),
        "items-1-question": free.question,
        "items-1-answer": "Ja.",
        "items-1-conclusion": "conforms",
        "audit-conclusions": "Rutinerna behöver förankras.",
    }
    response = client.post(reverse("audits:checklist", args=[audit.pk]), data)
    assert response.status_code == 302, response.context["formset"].errors
    generated.refresh_from_db()
    audit.refresh_from_db()
    assert (generated.conclusion, audit.conclusions) == ("finding", "Rutinerna behöver förankras.")

    new_finding = reverse("audits:finding-create", args=[audit.pk])
    assert client.get(f"{new_finding}?item={generated.pk}").context["form"].initial == {"checklist_item": generated.pk}
    response = client.post(
        new_finding,
        {
            "kind": "minor",
            "title": "Spill hanteras inte enligt rutin",
            "description": "Absorberingsmedel saknades vid påfyllningsplatsen.",
            "checklist_item": generated.pk,
            "unit": world_a.unit.pk,
            "evidence_notes": "Rundvandring 1 juni.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    finding = Finding.objects.get()
    raised = for_source(finding).get()
    page = client.get(finding.get_absolute_url()).content.decode()
    assert raised.reference in page and "Rundvandring 1 juni." in page

    for step in ("write_report", "close"):
        assert client.post(reverse("audits:transition", args=[audit.pk]), {"transition": step}).status_code == 302
    audit.refresh_from_db()
    assert audit.status == Status.CLOSED
    page = client.get(audit.get_absolute_url()).content.decode()
    assert raised.reference in page and "Spill hanteras inte enligt rutin" in page


def test_a_refused_step_says_why(world_a, client_for, english):
    audit = AuditFactory(programme__organisation=world_a.organisation)
    client = client_for(world_a.user(Role.AUDITOR))
    page = client.get(audit.get_absolute_url()).content.decode()
    assert "no lead auditor is chosen." in page
    response = client.post(reverse("audits:transition", args=[audit.pk]), {"transition": "start"}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert "The audit cannot be started: no lead auditor is chosen." in messages
    response = client.post(reverse("audits:transition", args=[audit.pk]), {"transition": "close"}, follow=True)
    assert "The audit cannot be closed: its status is “Planned”." in [str(m) for m in response.context["messages"]]
    assert client.get(reverse("audits:transition", args=[audit.pk])).status_code == 405


def test_missing_nonconformities_are_raised_from_the_audit_page(world_a, client_for):
    audit = audit_for(world_a.organisation, world_a.unit)
    for_source(audit.findings.get(kind="minor")).delete()
    client = client_for(world_a.user(Role.AUDITOR))
    assert "raise-nonconformities" in client.get(audit.get_absolute_url()).content.decode()
    client.post(reverse("audits:raise-nonconformities", args=[audit.pk]))
    assert for_source(audit.findings.get(kind="minor")).exists()


@pytest.mark.parametrize("role", [Role.READER, Role.EDITOR])
def test_readers_and_editors_only_read(role, world_a, client_for):
    audit = audit_for(world_a.organisation, world_a.unit)
    finding = audit.findings.get(kind="minor")
    client = client_for(world_a.user(role))
    for url in [
        reverse("audits:list"),
        audit.programme.get_absolute_url(),
        audit.get_absolute_url(),
        finding.get_absolute_url(),
        reverse("audits:report", args=[audit.pk]),
        reverse("audits:report-pdf", args=[audit.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("audits:programme-create"),
        reverse("audits:programme-edit", args=[audit.programme_id]),
        reverse("audits:create", args=[audit.programme_id]),
        reverse("audits:edit", args=[audit.pk]),
        reverse("audits:delete", args=[audit.pk]),
        reverse("audits:checklist", args=[audit.pk]),
        reverse("audits:question-create", args=[audit.pk]),
        reverse("audits:finding-create", args=[audit.pk]),
        reverse("audits:finding-edit", args=[finding.pk]),
        reverse("audits:finding-delete", args=[finding.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Ändrad"}).status_code == 403, url
    assert client.post(reverse("audits:transition", args=[audit.pk]), {"transition": "write_report"}).status_code == 403
    page = client.get(audit.get_absolute_url()).content.decode()
    assert reverse("audits:checklist", args=[audit.pk]) not in page


def test_auditors_conduct_but_do_not_plan(world_a, client_for):
    audit = audit_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.AUDITOR))
    for url in [reverse("audits:programme-create"), reverse("audits:create", args=[audit.programme_id])]:
        assert client.get(url).status_code == 403
    assert client.get(reverse("audits:edit", args=[audit.pk])).status_code == 403
    assert client.get(reverse("audits:checklist", args=[audit.pk])).status_code == 200
    assert client.get(reverse("audits:finding-create", args=[audit.pk])).status_code == 200


def test_other_organisations_audits_are_not_found(world_a, world_b, client_for):
    audit = audit_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for url in [
        audit.get_absolute_url(),
        audit.programme.get_absolute_url(),
        reverse("audits:checklist", args=[audit.pk]),
        reverse("audits:report-pdf", args=[audit.pk]),
        audit.findings.first().get_absolute_url(),
    ]:
        assert client.get(url).status_code == 404, url


def test_checklist_of_an_audit_with_a_written_report_is_not_edited(world_a, client_for, english):
    audit = workflow.transition(audit_for(world_a.organisation, world_a.unit), "write_report")
    client = client_for(world_a.user(Role.AUDITOR))
    response = client.get(reverse("audits:checklist", args=[audit.pk]), follow=True)
    assert response.redirect_chain[-1][0] == audit.get_absolute_url()
    assert "The checklist cannot be changed: the report is written. Reopen the audit first." in [
        str(message) for message in response.context["messages"]
    ]
    response = client.post(
        reverse("audits:checklist", args=[audit.pk]),
        {"items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0", "audit-conclusions": "x"},
    )
    assert response.status_code == 200 and "report is written" in response.content.decode()
    audit.refresh_from_db()
    assert audit.conclusions != "x"


def test_deletes_are_refused_with_the_reason(world_a, client_for, english):
    audit = audit_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("audits:delete", args=[audit.pk]), follow=True)
    assert "Only a planned audit can be deleted; this one is “In progress”." in [
        str(message) for message in response.context["messages"]
    ]
    response = client.post(reverse("audits:programme-delete", args=[audit.programme_id]), follow=True)
    assert "cannot be deleted because other records depend on it" in str(list(response.context["messages"])[0])
    minor = audit.findings.get(kind="minor")
    response = client.post(reverse("audits:finding-delete", args=[minor.pk]), follow=True)
    assert "was raised from it" in str(list(response.context["messages"])[0])
    observation = audit.findings.get(kind="observation")
    assert client.post(reverse("audits:finding-delete", args=[observation.pk])).status_code == 302
    free = audit.checklist.get(clause=None)
    assert client.post(reverse("audits:question-delete", args=[free.pk])).status_code == 302
    planned = AuditFactory(programme=audit.programme)
    ChecklistItem.objects.create(audit=planned, question="?")
    assert client.post(reverse("audits:delete", args=[planned.pk])).status_code == 302
    assert not Audit.objects.filter(pk=planned.pk).exists()
    assert Audit.objects.filter(pk=audit.pk).exists() and Finding.objects.filter(pk=minor.pk).exists()


def test_programme_list_filters_and_exports(world_a, client_for):
    audit_for(world_a.organisation, world_a.unit)
    ProgrammeFactory(organisation=world_a.organisation, year=2025, title="Internrevisioner 2025")
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("audits:list")).content.decode()
    assert "Internrevisionsprogram 2026" in page and "Internrevisioner 2025" in page
    page = client.get(reverse("audits:list") + "?year=2025").content.decode()
    assert "Internrevisionsprogram 2026" not in page and "Internrevisioner 2025" in page
    page = client.get(reverse("audits:list") + "?approved=yes").content.decode()
    assert "Internrevisionsprogram 2026" in page and "Internrevisioner 2025" not in page
    assert client.get(reverse("audits:list") + "?year=1999").status_code == 200  # bad values are ignored

    response = client.get(reverse("audits:list") + "?year=2026&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and rows[1][:2] == ["2026", "Internrevisionsprogram 2026"]
    assert rows[1][5:7] == ["1", "0"]  # one audit, none planned (it is in progress)
    response = client.get(reverse("audits:list") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def _more_audits(world, count=3):
    """``count`` further audits of the organisation's programme, each with questions and findings."""
    first = audit_for(world.organisation, world.unit)
    for number in range(count):
        audit = services.create_audit(
            programme=first.programme,
            title=f"Revision {number}",
            planned_start=date(2026, 9, 1),
            lead_auditor=first.lead_auditor,
            units=[world.sibling],
            clauses=clauses("5.2", "6.2", "9.2"),
        )
        workflow.transition(audit, "start")
        for kind in ("major", "observation"):
            services.record_finding(
                audit, user=first.lead_auditor, kind=kind, title=f"{kind} {number}", description="-"
            )
        item = services.add_question(first, f"Fråga {number}?")
        services.record_finding(
            first,
            user=first.lead_auditor,
            kind="major",
            title=f"Allvarligt {number}",
            description="-",
            checklist_item=item,
        )
    return first


def _count(django_assert_max_num_queries, client, url, most):
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("extra", [0, 3])
def test_pages_take_a_fixed_number_of_queries(extra, world_a, client_for, django_assert_max_num_queries):
    audit = _more_audits(world_a, extra)
    finding = audit.findings.get(kind="minor")
    client = client_for(world_a.user(Role.COORDINATOR))
    _count(django_assert_max_num_queries, client, reverse("audits:list"), 11)
    _count(django_assert_max_num_queries, client, reverse("audits:list") + "?export=xlsx", 8)
    _count(django_assert_max_num_queries, client, audit.programme.get_absolute_url(), 12)
    _count(django_assert_max_num_queries, client, audit.get_absolute_url(), 18)
    _count(django_assert_max_num_queries, client, reverse("audits:checklist", args=[audit.pk]), 11)
    _count(django_assert_max_num_queries, client, reverse("audits:report", args=[audit.pk]), 16)
    _count(django_assert_max_num_queries, client, reverse("audits:report-pdf", args=[audit.pk]), 13)
    _count(django_assert_max_num_queries, client, finding.get_absolute_url(), 14)


def test_changes_are_recorded_in_the_history(world_a, client_for):
    audit = audit_for(world_a.organisation, world_a.unit)
    finding = audit.findings.get(kind="minor")
    for obj, label in [
        (audit, "audits.audit"),
        (finding, "audits.finding"),
        (audit.programme, "audits.auditprogramme"),
    ]:
        assert ChangeRecord.objects.filter(object_id=str(obj.pk), content_type__model=label.split(".")[1]).exists()
        page = client_for(world_a.user(Role.READER)).get(reverse("history:object", args=[label, obj.pk]))
        assert page.status_code == 200
    workflow.transition(audit, "write_report")
    change = ChangeRecord.objects.filter(content_type__model="audit", object_id=str(audit.pk)).order_by("pk").last()
    assert change.changes["status"] == ["in_progress", "report_written"]


def test_a_programme_is_approved_by_someone_on_a_date(world_a, client_for, english):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("audits:programme-create"), {"title": "Program", "year": "2026", "approved_on": "2026-01-20"}
    )
    assert response.context["form"].errors == {"approved_by": ["Say who approved the programme."]}
    response = client.post(reverse("audits:programme-create"), {"title": "Program", "year": "1990"})
    assert "year" in response.context["form"].errors
    assert not AuditProgramme.objects.exists()
