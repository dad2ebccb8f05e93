"""Read models for the audit pages, the report (HTML and PDF) and the API.

Each function takes a fixed number of queries whatever the number of audits, questions or findings.
"""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When

from hallbar.frameworks.models import FrameworkItem
from hallbar.nonconformities.models import Nonconformity

from .models import Audit, AuditProgramme, ChecklistItem, Finding, Status
from .models.audit import AUDITABLE_LIBRARIES

AUDIT_RELATED = ("programme__organisation", "lead_auditor")


def auditable_clauses() -> models.QuerySet:
    """Clauses an audit can cover: the management-system libraries in a fixed order, then clause order."""
    rank = Case(
        *[When(library__urn=urn, then=Value(index)) for index, urn in enumerate(AUDITABLE_LIBRARIES)],
        output_field=IntegerField(),
    )
    return (
        FrameworkItem.objects.filter(library__urn__in=AUDITABLE_LIBRARIES, is_deprecated=False)
        .select_related("library")
        .annotate(library_rank=rank)
        .order_by("library_rank", "order")
    )


# Programmes ---------------------------------------------------------------------------------------------


def programme_list(scope, *, year: int | None = None, approved: bool | None = None) -> models.QuerySet:
    """The scope's programmes (newest year first) with their number of audits by status."""
    programmes = scope.filter(AuditProgramme.objects.all())
    if year is not None:
        programmes = programmes.filter(year=year)
    if approved is True:
        programmes = programmes.exclude(approved_by="").filter(approved_on__isnull=False)
    elif approved is False:
        programmes = programmes.filter(Q(approved_by="") | Q(approved_on__isnull=True))
    counts = {f"{status}_count": Count("audits", filter=Q(audits__status=status)) for status in Status.values}
    return programmes.annotate(audit_count=Count("audits"), **counts)


def programme_years(scope) -> list[int]:
    years = scope.filter(AuditProgramme.objects.all()).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def audits_of(programme: AuditProgramme) -> list[Audit]:
    """The programme's audits with their scope, lead auditor and number of findings by kind."""
    counts = {f"{kind}_count": Count("findings", filter=Q(findings__kind=kind)) for kind in Finding.Kind.values}
    audits = (
        programme.audits.select_related("lead_auditor")
        .prefetch_related("units")
        .annotate(finding_count=Count("findings"), **counts)
    )
    return list(audits)


# Nonconformities raised from findings ---------------------------------------------------------------------


def nonconformities_by_finding(findings) -> dict[int, list[Nonconformity]]:
    """The nonconformities raised from each finding, by finding id (one query)."""
    ids = [finding.pk for finding in findings]
    if not ids:
        return {}
    raised = Nonconformity.objects.filter(
        source_type=ContentType.objects.get_for_model(Finding), source_id__in=ids
    ).order_by("year", "number")
    by_finding: dict[int, list[Nonconformity]] = {}
    for nonconformity in raised:
        by_finding.setdefault(nonconformity.source_id, []).append(nonconformity)
    return by_finding


def findings_without_nonconformity(audit: Audit) -> list[Finding]:
    """Major and minor nonconformities found in the audit that have no nonconformity raised."""
    findings = list(
        audit.findings.filter(kind__in=Finding.NONCONFORMING).select_related("audit__programme", "clause", "unit")
    )
    raised = nonconformities_by_finding(findings)
    return [finding for finding in findings if finding.pk not in raised]


# One audit -------------------------------------------------------------------------------------------------


def checklist(audit: Audit) -> list[ChecklistItem]:
    return list(audit.checklist.select_related("clause__library").annotate(finding_count=Count("findings")))


def findings(audit: Audit) -> list[Finding]:
    """The audit's findings, the most serious kind first, each with ``nonconformities`` set."""
    rows = list(audit.findings.select_related("clause", "unit", "checklist_item", "recorded_by"))
    raised = nonconformities_by_finding(rows)
    for finding in rows:
        finding.nonconformities = raised.get(finding.pk, [])
    rank = {kind: index for index, kind in enumerate(Finding.Kind.values)}
    return sorted(rows, key=lambda finding: (rank[finding.kind], finding.pk))


def by_kind(rows: list[Finding]) -> list[dict]:
    """``[{"kind": value, "label": …, "findings": [...]}, …]`` for every kind, most serious first."""
    return [
        {"kind": kind, "label": label, "findings": [finding for finding in rows if finding.kind == kind]}
        for kind, label in Finding.Kind.choices
    ]


def conclusion_counts(items: list[ChecklistItem]) -> list[dict]:
    counts = Counter(item.conclusion for item in items)
    return [
        {"conclusion": value, "label": label, "count": counts.get(value, 0)}
        for value, label in ChecklistItem.Conclusion.choices
    ]


def audit_page(audit: Audit) -> dict:
    """What the audit page and the report show (the audit fetched with :data:`AUDIT_RELATED`)."""
    items = checklist(audit)
    rows = findings(audit)
    return {
        "units": list(audit.units.all()),
        "clauses": list(audit.clauses.select_related("library").order_by("library", "order")),
        "team": list(audit.team.all()),
        "checklist": items,
        "conclusion_counts": conclusion_counts(items),
        "findings": rows,
        "findings_by_kind": by_kind(rows),
        "nonconformities": [nonconformity for finding in rows for nonconformity in finding.nonconformities],
    }
