"""The audit workflow: every allowed transition, every refused one, each guard, and what may change when."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.audits import services, workflow
from hallbar.audits.models import Audit, ChecklistItem, Finding, Status
from hallbar.nonconformities.queries import for_source
from tests.nonconformities.factories import nonconformity

from .factories import AuditFactory, ChecklistItemFactory, FindingFactory, clauses

ALLOWED = {
    ("start", Status.PLANNED): Status.IN_PROGRESS,
    ("write_report", Status.IN_PROGRESS): Status.REPORT_WRITTEN,
    ("reopen", Status.REPORT_WRITTEN): Status.IN_PROGRESS,
    ("close", Status.REPORT_WRITTEN): Status.CLOSED,
}
REFUSED_START = {
    "start": "The audit cannot be started",
    "write_report": "The report cannot be marked as written",
    "reopen": "The audit cannot be reopened",
    "close": "The audit cannot be closed",
}


@pytest.fixture
def ready(programme, auditor):
    """A planned audit every guard lets through: lead auditor, an answered checklist, conclusions."""
    audit = services.create_audit(
        programme=programme,
        title="Revision av avfallshanteringen",
        planned_start=date(2026, 3, 2),
        lead_auditor=auditor,
        clauses=clauses("8.1"),
    )
    item = audit.checklist.get()
    item.answer, item.conclusion = "Rutinen följs.", ChecklistItem.Conclusion.CONFORMS
    services.save_checklist(audit, [item], conclusions="Inga avvikelser.")
    return audit


def in_status(audit: Audit, status: str) -> Audit:
    Audit.objects.filter(pk=audit.pk).update(status=status)
    audit.refresh_from_db()
    return audit


@pytest.mark.parametrize(("name", "source"), list(ALLOWED))
def test_every_allowed_transition(name, source, ready):
    audit = workflow.transition(in_status(ready, source), name)
    audit.refresh_from_db()
    assert audit.status == ALLOWED[(name, source)]


@pytest.mark.parametrize(
    ("name", "source"),
    [(name, status) for name in REFUSED_START for status in Status.values if (name, status) not in ALLOWED],
)
def test_every_other_transition_is_refused_naming_the_status(name, source, ready):
    audit = in_status(ready, source)
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        workflow.transition(audit, name)
    label = Status(source).label
    assert refusal.value.messages == [f"{REFUSED_START[name]}: its status is “{label}”."]
    audit.refresh_from_db()
    assert audit.status == source


def test_an_unknown_step_is_refused(ready):
    with translation.override("en"), pytest.raises(ValidationError, match="no such step"):
        workflow.transition(ready, "approve")


def test_the_whole_cycle_sets_and_clears_the_dates(ready):
    today = timezone.localdate()
    audit = workflow.transition(ready, "start")
    audit = workflow.transition(audit, "write_report")
    assert (audit.status, audit.report_date) == (Status.REPORT_WRITTEN, today)
    audit = workflow.transition(audit, "reopen")
    assert (audit.status, audit.report_date) == (Status.IN_PROGRESS, None)
    audit = workflow.transition(workflow.transition(audit, "write_report"), "close")
    audit.refresh_from_db()
    assert (audit.status, audit.report_date, audit.closed_on) == (Status.CLOSED, today, today)


def test_start_needs_a_lead_auditor_and_a_checklist(programme):
    audit = AuditFactory(programme=programme)
    with translation.override("en"):
        assert workflow.problems(audit, "start") == [
            "The audit cannot be started: no lead auditor is chosen.",
            "The audit cannot be started: its checklist has no questions. Choose clauses to audit or add questions.",
        ]
    with pytest.raises(ValidationError):
        workflow.transition(audit, "start")
    audit.refresh_from_db()
    assert audit.status == Status.PLANNED


def test_writing_the_report_needs_checked_questions_recorded_findings_and_conclusions(programme, auditor):
    audit = in_status(AuditFactory(programme=programme, lead_auditor=auditor), Status.IN_PROGRESS)
    item = ChecklistItemFactory(audit=audit, question="Finns det en miljöpolicy?")
    with translation.override("en"):
        assert workflow.problems(audit, "write_report") == [
            "The report cannot be marked as written: no checklist question has been checked.",
            "The report cannot be marked as written: the audit's conclusions are not written.",
        ]
        item.conclusion = ChecklistItem.Conclusion.FINDING
        services.save_checklist(audit, [item], conclusions="Policyn saknas.")
        assert workflow.problems(audit, "write_report") == [
            "The report cannot be marked as written: these checklist questions are concluded “finding” but have "
            "no finding recorded: Finns det en miljöpolicy?."
        ]
    services.record_finding(
        audit, user=auditor, kind=Finding.Kind.OBSERVATION, title="Policy saknas", description="-", checklist_item=item
    )
    assert workflow.transition(audit, "write_report").status == Status.REPORT_WRITTEN


def test_closing_needs_a_nonconformity_for_every_major_and_minor_finding(ready, auditor):
    audit = in_status(ready, Status.REPORT_WRITTEN)
    # Written directly, as before the nonconformities app: no nonconformity was raised.
    finding = FindingFactory(audit=audit, kind=Finding.Kind.MAJOR, title="Tillstånd saknas")
    FindingFactory(audit=audit, kind=Finding.Kind.IMPROVEMENT)
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        workflow.transition(audit, "close")
    assert refusal.value.messages == [
        "The audit cannot be closed: no nonconformity has been raised for these findings: Tillstånd saknas."
    ]
    assert services.raise_missing_nonconformities(audit, user=auditor) == 1
    raised = for_source(finding).get()
    assert (raised.origin, raised.severity, raised.reported_by) == ("audit", "major", auditor)
    assert workflow.transition(audit, "close").status == Status.CLOSED


def test_a_nonconformity_raised_by_hand_for_the_finding_counts(ready):
    audit = in_status(ready, Status.REPORT_WRITTEN)
    finding = FindingFactory(audit=audit, kind=Finding.Kind.MINOR)
    item = nonconformity(audit.organisation, origin="audit")
    item.source_type, item.source_id = ContentType.objects.get_for_model(Finding), finding.pk
    item.save()
    assert workflow.problems(audit, "close") == []


@pytest.mark.parametrize(
    ("status", "audit_ok", "checklist_ok", "findings_ok"),
    [
        (Status.PLANNED, True, True, False),
        (Status.IN_PROGRESS, True, True, True),
        (Status.REPORT_WRITTEN, False, False, False),
        (Status.CLOSED, False, False, False),
    ],
)
def test_what_may_change_in_each_status(status, audit_ok, checklist_ok, findings_ok, ready, auditor):
    audit = in_status(ready, status)
    item = audit.checklist.get()
    writes = {
        "audit": lambda: services.save_audit(audit),
        "checklist": lambda: services.add_question(audit, "Ytterligare fråga?"),
        "findings": lambda: services.record_finding(
            audit, user=auditor, kind=Finding.Kind.OBSERVATION, title="T", description="D", checklist_item=item
        ),
    }
    for part, expected in (("audit", audit_ok), ("checklist", checklist_ok), ("findings", findings_ok)):
        assert workflow.editable(audit, part) is expected
        if expected:
            writes[part]()
            continue
        with translation.override("en"), pytest.raises(ValidationError) as refusal:
            writes[part]()
        message = refusal.value.messages[0]
        assert message.startswith(str(workflow.NOT_EDITABLE[part]) + ": ")
        if status == Status.REPORT_WRITTEN:
            assert message.endswith("the report is written. Reopen the audit first.")
