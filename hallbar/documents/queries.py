"""Read models of the documents app, shared by the pages, the API and other apps.

Used by other apps: :func:`evidence_for` (the files attached to any object). Every function takes a
fixed number of queries whatever the number of rows.

Certification readiness (:func:`readiness`), per clause of a standard's library (headings included):

* Its **sources** are the organisation's evidence files and *approved* controlled documents (those
  with an approved version) linked to the clause itself, or to a clause of another library that an
  ``equivalent`` cross-mapping ties to it (in either direction; e.g. EMAS II.A.4 and ISO 14001 4).
* It is **covered** when it has a source, or when it has sub-clauses and all of them are covered.
  Otherwise it is a **gap**.
* The counts per top-level clause take that clause and every clause below it; the totals take every
  clause of the library.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library

from . import rules
from .models import ControlledDocument, DocumentVersion, Evidence
from .rules import Kind, VersionStatus


def evidence_for(subject: models.Model) -> models.QuerySet:
    """The evidence attached to ``subject``, newest first, with uploader and clauses fetched."""
    return (
        Evidence.objects.for_subject(subject)
        .select_related("uploaded_by")
        .prefetch_related(
            models.Prefetch("clauses", FrameworkItem.objects.select_related("library"), to_attr="clause_list")
        )
    )


# Controlled documents ---------------------------------------------------------------------------------


def listed(documents: models.QuerySet) -> models.QuerySet:
    """What a document list row shows: owner, unit, and the numbers of the approved version and the draft."""

    def number(status):
        versions = DocumentVersion.objects.filter(document=OuterRef("pk"), status=status)
        return Subquery(versions.values("number")[:1])

    return documents.select_related("owner", "responsible_unit").annotate(
        current_number=number(VersionStatus.APPROVED), draft_number=number(VersionStatus.DRAFT)
    )


def document_list(scope, *, kind: str | None = None, unit=None, overdue: bool = False, today: date | None = None):
    """The scope's documents in the focused unit's subtree, narrowed by kind, responsible unit (and the
    units below it) and whether their review is overdue."""
    documents = scope.in_focus(scope.filter(ControlledDocument.objects.all()))
    if kind:
        documents = documents.filter(kind=kind)
    if unit is not None:
        documents = documents.filter(responsible_unit__path__startswith=unit.path)
    if overdue:
        documents = documents.filter(rules.review_overdue_q(today or timezone.localdate()))
    return listed(documents)


def flag(documents: Iterable[ControlledDocument], today: date | None = None) -> list[ControlledDocument]:
    """Set ``is_review_overdue`` on each document (no queries)."""
    today = today or timezone.localdate()
    documents = list(documents)
    for document in documents:
        document.is_review_overdue = rules.is_review_overdue(document.next_review_date, today)
    return documents


def versions_of(document: ControlledDocument) -> models.QuerySet:
    return document.versions.select_related("author", "approved_by").order_by("-number")


def current_version(document: ControlledDocument) -> DocumentVersion | None:
    return document.versions.filter(status=VersionStatus.APPROVED).select_related("approved_by").first()


def current_policy(organisation) -> DocumentVersion | None:
    """The organisation's policy in force: the most recently approved version of its policy documents."""
    if organisation is None:
        return None
    return (
        DocumentVersion.objects.filter(
            document__organisation=organisation, document__kind=Kind.POLICY, status=VersionStatus.APPROVED
        )
        .select_related("document__owner", "document__responsible_unit", "approved_by")
        .order_by("-approved_at", "-pk")
        .first()
    )


# Certification readiness (the rule is in the module docstring) --------------------------------------

# The standards the readiness pages cover, by library URN, in the order they are shown.
STANDARDS = (
    "urn:hallbar:library:iso14001",
    "urn:hallbar:library:emas",
    "urn:hallbar:library:ss854000",
)


@dataclass
class Source:
    """Something that evidences a clause: an Evidence or a ControlledDocument, perhaps ``via`` an
    equivalent clause of another library."""

    obj: object
    via: FrameworkItem | None = None

    @property
    def is_document(self) -> bool:
        return isinstance(self.obj, ControlledDocument)


@dataclass
class ClauseRow:
    item: FrameworkItem
    top: FrameworkItem
    sources: list[Source] = field(default_factory=list)
    children: list["ClauseRow"] = field(default_factory=list)
    covered: bool = False

    @property
    def covered_by_parts(self) -> bool:
        return self.covered and not self.sources

    @property
    def evidence(self) -> list:
        return [source.obj for source in self.sources if not source.is_document]

    @property
    def documents(self) -> list:
        return [source.obj for source in self.sources if source.is_document]


@dataclass
class Count:
    total: int = 0
    covered: int = 0

    @property
    def gaps(self) -> int:
        return self.total - self.covered

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.total) if self.total else 0


@dataclass
class Group:
    item: FrameworkItem
    count: Count


@dataclass
class Readiness:
    library: Library
    rows: list[ClauseRow]
    groups: list[Group]
    total: Count


def standards() -> list[Library]:
    """The loaded libraries of :data:`STANDARDS`, in that order."""
    found = {library.urn: library for library in Library.objects.filter(urn__in=STANDARDS)}
    return [found[urn] for urn in STANDARDS if urn in found]


def _equivalents(ids: list[int]) -> dict[int, set[int]]:
    pairs = ItemMapping.objects.filter(relation=ItemMapping.Relation.EQUIVALENT).filter(
        Q(source_id__in=ids) | Q(target_id__in=ids)
    )
    equivalent: dict[int, set[int]] = defaultdict(set)
    for source_id, target_id in pairs.values_list("source_id", "target_id"):
        equivalent[source_id].add(target_id)
        equivalent[target_id].add(source_id)
    return equivalent


def _sources_by_clause(organisation, clause_ids: set[int]) -> dict[int, list]:
    """Evidence and approved documents of the organisation, by the clause they are linked to."""
    by_clause: dict[int, list] = defaultdict(list)
    evidence_links = (
        Evidence.clauses.through.objects.filter(frameworkitem_id__in=clause_ids, evidence__organisation=organisation)
        .select_related("evidence__uploaded_by")
        .order_by("evidence__original_name", "evidence_id")
    )
    for link in evidence_links:
        by_clause[link.frameworkitem_id].append(link.evidence)
    approved = ControlledDocument.objects.filter(
        organisation=organisation, versions__status=VersionStatus.APPROVED
    ).values("pk")
    document_links = (
        ControlledDocument.clauses.through.objects.filter(
            frameworkitem_id__in=clause_ids, controlleddocument_id__in=approved
        )
        .select_related("controlleddocument")
        .order_by("controlleddocument__reference_code", "controlleddocument__title", "controlleddocument_id")
    )
    for link in document_links:
        by_clause[link.frameworkitem_id].append(link.controlleddocument)
    return by_clause


def readiness(organisation, library: Library) -> Readiness:
    """Every clause of ``library`` with its sources and whether it is covered, and the counts."""
    items = list(library.items.filter(is_deprecated=False).order_by("order"))
    ids = {item.pk for item in items}
    equivalent = _equivalents(list(ids))
    other_ids = {other for item_id in ids for other in equivalent.get(item_id, set())} - ids
    others = FrameworkItem.objects.select_related("library").in_bulk(other_ids)
    by_clause = _sources_by_clause(organisation, ids | other_ids)

    rows: dict[int, ClauseRow] = {}
    for item in items:
        parent = rows.get(item.parent_id)
        row = ClauseRow(item, top=parent.top if parent else item)
        row.sources = [Source(obj) for obj in by_clause.get(item.pk, ())]
        for other_id in sorted(equivalent.get(item.pk, set()) - ids, key=lambda pk: others[pk].urn):
            row.sources += [Source(obj, via=others[other_id]) for obj in by_clause.get(other_id, ())]
        rows[item.pk] = row
        if parent is not None:
            parent.children.append(row)
    for row in reversed(list(rows.values())):  # children come after their parent: decide them first
        row.covered = bool(row.sources) or (bool(row.children) and all(child.covered for child in row.children))

    counts: dict[int, Count] = {}
    total = Count()
    for row in rows.values():
        for count in (counts.setdefault(row.top.pk, Count()), total):
            count.total += 1
            count.covered += row.covered
    groups = [Group(row.item, counts[row.item.pk]) for row in rows.values() if row.top is row.item]
    return Readiness(library, list(rows.values()), groups, total)


def clause_sources(item: FrameworkItem, scope) -> dict:
    """The scope's evidence and controlled documents linked to the clause ``item`` itself (two queries)."""
    evidence = scope.filter(Evidence.objects.filter(clauses=item)).order_by("original_name", "pk")
    documents = listed(scope.filter(ControlledDocument.objects.filter(clauses=item)))
    return {"evidence": list(evidence), "documents": list(documents.order_by("reference_code", "title", "pk"))}
