"""Factories for audit programmes, audits, checklists and findings (kept with the audits tests)."""

from datetime import date

import factory

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.audits import services, workflow
from hallbar.audits.models import Audit, AuditProgramme, ChecklistItem, Finding
from hallbar.frameworks.models import FrameworkItem
from tests.factories import OrganisationFactory, UserFactory

ISO = "urn:hallbar:iso14001:"
EMAS = "urn:hallbar:emas:"
SDG = "urn:hallbar:sdg:target:"


def clauses(*refs: str, library: str = ISO) -> list[FrameworkItem]:
    """Framework items by URN ending, e.g. ``clauses("5.2", "9.2")`` (ISO 14001 unless ``library`` says otherwise)."""
    items = {item.urn: item for item in FrameworkItem.objects.filter(urn__in=[library + ref for ref in refs])}
    return [items[library + ref] for ref in refs]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditProgramme

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026
    title = factory.Sequence(lambda n: f"Internrevisionsprogram {n}")


class AuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audit

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Revision {n}")
    planned_start = date(2026, 4, 14)


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    audit = factory.SubFactory(AuditFactory)
    question = factory.Sequence(lambda n: f"Egen fråga {n}?")


class FindingFactory(factory.django.DjangoModelFactory):
    """A finding written directly (no nonconformity raised): for the cases the services prevent."""

    class Meta:
        model = Finding

    audit = factory.SubFactory(AuditFactory)
    kind = Finding.Kind.OBSERVATION
    title = factory.Sequence(lambda n: f"Iakttagelse {n}")
    description = "Rutinen för kemikaliehantering är inte känd av alla."
    recorded_by = factory.SubFactory(UserFactory)


def organisation_auditor(organisation):
    """An organisation-wide member (the auditor when there is one): independent of every unit."""
    memberships = Membership.objects.filter(organisation=organisation, is_active=True, unit__isnull=True)
    membership = memberships.filter(role=Role.AUDITOR).first() or memberships.order_by("pk").first()
    return membership.user


def audit_for(organisation, unit) -> Audit:
    """An audit of ``unit`` in progress: three ISO 14001 clauses and a free question, two answered,
    a minor nonconformity (with its nonconformity raised) and an observation; reused when it exists."""
    existing = Audit.objects.filter(programme__organisation=organisation, title="Miljörevision av enheten").first()
    if existing is not None:
        return existing
    auditor = organisation_auditor(organisation)
    programme = services.save_programme(
        AuditProgramme(
            organisation=organisation,
            year=2026,
            title="Internrevisionsprogram 2026",
            aims="Granska att miljöledningssystemet fungerar på förvaltningarna.",
            approved_by="Kommunledningsgruppen",
            approved_on=date(2026, 1, 20),
        )
    )
    audit = services.create_audit(
        programme=programme,
        title="Miljörevision av enheten",
        planned_start=date(2026, 4, 14),
        planned_end=date(2026, 4, 15),
        objectives="Följer enheten rutinerna för kemikalier och avfall?",
        lead_auditor=auditor,
        units=[unit],
        clauses=clauses("6.1.2", "7.2", "8.1"),
    )
    services.add_question(audit, "Hur sorteras farligt avfall på förrådet?")
    audit = workflow.transition(audit, "start")
    first, second = audit.checklist.order_by("order")[:2]
    services.save_checklist(
        audit,
        [
            _answered(first, "Aspektlistan är uppdaterad i år.", ChecklistItem.Conclusion.CONFORMS),
            _answered(
                second, "Två av fem tillfrågade kände inte till kemikalierutinen.", ChecklistItem.Conclusion.FINDING
            ),
        ],
        conclusions="Miljöarbetet fungerar i stort; utbildningen behöver förbättras.",
    )
    services.record_finding(
        audit,
        user=auditor,
        kind=Finding.Kind.MINOR,
        title="Kemikalierutinen är inte känd",
        description="Två av fem tillfrågade på förrådet kände inte till rutinen för kemikaliehantering.",
        checklist_item=second,
        unit=unit,
        evidence_notes="Intervjuer på förrådet 14 april.",
    )
    services.record_finding(
        audit,
        user=auditor,
        kind=Finding.Kind.OBSERVATION,
        title="Sorteringen kan bli tydligare",
        description="Skyltningen vid miljöstationen är sliten.",
    )
    return audit


def _answered(item: ChecklistItem, answer: str, conclusion: str) -> ChecklistItem:
    item.answer, item.conclusion = answer, conclusion
    return item
