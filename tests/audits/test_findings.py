"""Findings: what they may refer to, the nonconformities major and minor ones raise, and deleting them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.actions.services import create_action
from hallbar.audits import services, workflow
from hallbar.audits.models import Finding
from hallbar.core.deletion import DeletionRefused
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.queries import for_source

from .factories import clauses


@pytest.fixture
def audit(programme, world_a, auditor):
    """An audit of the administration in progress, on clauses 6.1.2 and 8.1."""
    audit = services.create_audit(
        programme=programme,
        title="Revision av driftsrutiner",
        planned_start=date(2026, 10, 5),
        lead_auditor=auditor,
        units=[world_a.administration],
        clauses=clauses("6.1.2", "8.1"),
    )
    return workflow.transition(audit, "start")


def record(audit, user, **fields):
    fields.setdefault("kind", Finding.Kind.MINOR)
    fields.setdefault("title", "Oljeavskiljaren töms inte")
    fields.setdefault("description", "Ingen tömning har gjorts sedan 2024.")
    return services.record_finding(audit, user=user, **fields)


def test_a_minor_nonconformity_raises_a_nonconformity(audit, auditor, world_a):
    item = audit.checklist.get(clause__ref="8.1")
    finding = record(audit, auditor, checklist_item=item, unit=world_a.unit)
    assert (finding.clause, finding.recorded_by) == (item.clause, auditor)  # the clause comes from the question
    raised = for_source(finding).get()
    assert (raised.organisation, raised.origin, raised.severity) == (world_a.organisation, "audit", "minor")
    assert (raised.title, raised.responsible_unit, raised.reported_by) == (finding.title, world_a.unit, auditor)
    assert "Revision av driftsrutiner" in raised.description and finding.description in raised.description
    services.update_finding(finding, user=auditor, title="Oljeavskiljaren töms för sällan")
    assert for_source(finding).count() == 1  # raised once per finding


@pytest.mark.parametrize("kind", [Finding.Kind.OBSERVATION, Finding.Kind.IMPROVEMENT])
def test_observations_and_improvements_raise_nothing(kind, audit, auditor):
    finding = record(audit, auditor, kind=kind)
    assert not for_source(finding).exists()
    services.update_finding(finding, user=auditor, kind=Finding.Kind.MAJOR)
    assert for_source(finding).get().severity == Nonconformity.Severity.MAJOR


def test_the_severity_follows_the_kind_while_the_nonconformity_is_open(audit, auditor):
    finding = record(audit, auditor, kind=Finding.Kind.MAJOR)
    services.update_finding(finding, user=auditor, kind=Finding.Kind.MINOR)
    raised = for_source(finding).get()
    assert raised.severity == Nonconformity.Severity.MINOR
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.update_finding(finding, user=auditor, kind=Finding.Kind.OBSERVATION)
    assert refusal.value.message_dict == {
        "kind": [
            f"The finding cannot become “Observation”: nonconformity {raised.reference} has been raised from it. "
            "Close the nonconformity instead if it turned out not to be one."
        ]
    }
    finding.refresh_from_db()
    assert finding.kind == Finding.Kind.MINOR


def test_what_a_finding_refers_to_must_be_the_audits(audit, auditor, world_a, programme):
    other_item = services.create_audit(
        programme=programme, title="Annan", planned_start=date(2026, 1, 1), clauses=clauses("5.2")
    ).checklist.get()
    item = audit.checklist.get(clause__ref="8.1")
    cases = [
        ({"checklist_item": other_item}, "checklist_item", "The question must be one of this audit's checklist."),
        ({"clause": clauses("5.2")[0]}, "clause", "The clause must be one of the clauses the audit covers."),
        ({"unit": world_a.sibling}, "unit", "The unit must be within the audit's scope: A förvaltning."),
    ]
    with translation.override("en"):
        for fields, field, message in cases:
            with pytest.raises(ValidationError) as refusal:
                record(audit, auditor, **fields)
            assert refusal.value.message_dict == {field: [message]}
        with pytest.raises(ValidationError) as refusal:
            record(audit, auditor, checklist_item=item, clause=clauses("6.1.2")[0])
        assert "clause" in refusal.value.message_dict
    assert not Finding.objects.exists() and not Nonconformity.objects.exists()
    assert record(audit, auditor, unit=world_a.unit, kind=Finding.Kind.OBSERVATION).unit == world_a.unit


def test_deleting_a_finding(audit, auditor):
    observation = record(audit, auditor, kind=Finding.Kind.OBSERVATION)
    minor = record(audit, auditor)
    raised = for_source(minor).get()
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete(minor)
    assert (
        refusal.value.message == f"The finding cannot be deleted: nonconformity {raised.reference} was raised from it."
    )
    create_action(organisation=audit.organisation, title="Ny skyltning", reason=observation)
    with translation.override("en"), pytest.raises(DeletionRefused, match="actions have been planned"):
        services.delete(observation)
    free = record(audit, auditor, kind=Finding.Kind.IMPROVEMENT)
    services.delete(free)
    assert not Finding.objects.filter(pk=free.pk).exists()


def test_closed_nonconformities_do_not_follow_the_kind(audit, auditor):
    finding = record(audit, auditor, kind=Finding.Kind.MAJOR)
    raised = for_source(finding).get()
    Nonconformity.objects.filter(pk=raised.pk).update(stage=Nonconformity.Stage.CLOSED)
    services.update_finding(finding, user=auditor, kind=Finding.Kind.MINOR)
    raised.refresh_from_db()
    assert raised.severity == Nonconformity.Severity.MAJOR  # a closed nonconformity is not edited
