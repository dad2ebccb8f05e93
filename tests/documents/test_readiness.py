"""Certification readiness: coverage and counts by hand, equivalences, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.documents import queries, services
from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library
from tests.actions.factories import action_for

from .factories import DocumentFactory, approve, evidence_on


def library(urn, kind=Library.Kind.STANDARD):
    return Library.objects.create(
        urn=urn, version=1, kind=kind, name_sv=urn, name_en=urn, file_name="test.yaml", content_hash="x"
    )


def items(lib, *refs):
    """Items by reference; a reference's parent is the one without its last ".part"."""
    made = {}
    for order, ref in enumerate(refs):
        parent = made.get(ref.rsplit(".", 1)[0]) if "." in ref else None
        made[ref] = FrameworkItem.objects.create(
            library=lib,
            urn=f"{lib.urn}:{ref}",
            parent=parent,
            ref=ref,
            level="clause",
            name_en=f"Clause {ref}",
            order=order,
            depth=ref.count("."),
        )
    return made


def approved_document(world, clauses):
    document = DocumentFactory(organisation=world.organisation)
    document.clauses.set(clauses)
    draft = services.create_version(document, author=world.user(Role.EDITOR), body="Text")
    approve(draft, world.user(Role.COORDINATOR))
    return document


@pytest.fixture
def standard(world_a, world_b):
    """Standard S: A (A.1, A.2) and B (B.1 (B.1.1)). Library T: X equivalent to B.1.1, Y only related to A.2."""
    s = items(library("urn:test:s"), "A", "A.1", "A.2", "B", "B.1", "B.1.1")
    t = items(library("urn:test:t"), "X", "Y")
    mappings = library("urn:test:map", Library.Kind.MAPPING)
    ItemMapping.objects.create(library=mappings, source=t["X"], target=s["B.1.1"], relation="equivalent")
    ItemMapping.objects.create(library=mappings, source=t["Y"], target=s["A.2"], relation="related")
    action = action_for(world_a.organisation, world_a.unit)
    evidence_on(action, "a1.pdf", clauses=[s["A.1"]])  # covers A.1
    evidence_on(action_for(world_b.organisation, world_b.unit), "b.pdf", clauses=[s["A.2"]])  # another organisation
    evidence_on(action, "y.pdf", clauses=[t["Y"]])  # only related: does not count
    draft_only = DocumentFactory(organisation=world_a.organisation)
    draft_only.clauses.set([s["A.2"]])
    services.create_version(draft_only, author=world_a.user(Role.EDITOR), body="Utkast")  # not approved
    document = approved_document(world_a, [t["X"]])  # covers B.1.1 through X
    return s, t, document


def test_coverage_and_counts_by_hand(standard, world_a):
    s, t, document = standard
    result = queries.readiness(world_a.organisation, Library.objects.get(urn="urn:test:s"))
    status = {row.item.ref: row.covered for row in result.rows}
    assert status == {"A": False, "A.1": True, "A.2": False, "B": True, "B.1": True, "B.1.1": True}
    # A: 1 of 3 (A.1). B: 3 of 3 (B.1.1 through X, B.1 and B by their sub-clauses). Total 4 of 6.
    assert [(g.item.ref, g.count.total, g.count.covered, g.count.gaps) for g in result.groups] == [
        ("A", 3, 1, 2),
        ("B", 3, 3, 0),
    ]
    assert (result.total.total, result.total.covered, result.total.gaps, result.total.percent) == (6, 4, 2, 67)
    rows = {row.item.ref: row for row in result.rows}
    assert [e.original_name for e in rows["A.1"].evidence] == ["a1.pdf"]
    assert rows["B.1.1"].documents == [document] and rows["B.1.1"].sources[0].via == t["X"]
    assert rows["B"].covered_by_parts and not rows["B.1.1"].covered_by_parts
    assert rows["A.2"].sources == []


def test_other_organisations_see_their_own(standard, world_b):
    result = queries.readiness(world_b.organisation, Library.objects.get(urn="urn:test:s"))
    assert {row.item.ref for row in result.rows if row.covered} == {"A.2"}


def test_the_number_of_queries_does_not_grow_with_the_clauses(standard, world_a):
    small = Library.objects.get(urn="urn:test:s")
    iso = Library.objects.get(urn="urn:hallbar:library:iso14001")
    evidence_on(action_for(world_a.organisation, world_a.unit), clauses=list(iso.items.all()[:30]))
    with CaptureQueriesContext(connection) as few:
        queries.readiness(world_a.organisation, small)
    with CaptureQueriesContext(connection) as many:
        result = queries.readiness(world_a.organisation, iso)
    assert len(result.rows) >= 45  # against 6
    assert len(many) == len(few) <= 6


def test_iso_14001_and_emas_by_hand(world_a, client_for):
    """Evidence on ISO 14001 7.5.1 and 7.5.2, an approved document on 7.5.3 and evidence on clause 4:
    in clause 7 (12 clauses) 7.5.1–7.5.3 and 7.5 are covered; in clause 4 (5 clauses) only 4 itself.
    EMAS II.A.4 is covered through its equivalent ISO 14001 clause 4."""
    iso = {item.ref: item for item in FrameworkItem.objects.filter(library__urn="urn:hallbar:library:iso14001")}
    action = action_for(world_a.organisation, world_a.unit)
    evidence_on(action, "dokumentstyrning.pdf", clauses=[iso["7.5.1"], iso["7.5.2"]])
    evidence_on(action, "omvarld.pdf", clauses=[iso["4"]])
    approved_document(world_a, [iso["7.5.3"]])
    result = queries.readiness(world_a.organisation, Library.objects.get(urn="urn:hallbar:library:iso14001"))
    groups = {group.item.ref: group.count for group in result.groups}
    assert (groups["7"].total, groups["7"].covered) == (12, 4)
    assert (groups["4"].total, groups["4"].covered) == (5, 1)
    assert (groups["10"].covered, result.total.covered, result.total.total) == (0, 5, len(iso))

    emas = queries.readiness(world_a.organisation, Library.objects.get(urn="urn:hallbar:library:emas"))
    rows = {row.item.ref: row for row in emas.rows}
    assert rows["II.A.4"].covered and rows["II.A.4"].sources[0].via == iso["4"]
    assert not rows["II.A.7"].covered  # ISO 7 itself is not covered: only some of its sub-clauses are

    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("documents:readiness", args=["urn:hallbar:library:iso14001"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "dokumentstyrning.pdf" in body and "omvarld.pdf" in body
    overview = client.get(reverse("documents:readiness-overview"))
    assert [r.library.urn for r in overview.context["results"]] == [
        "urn:hallbar:library:iso14001",
        "urn:hallbar:library:emas",
        "urn:hallbar:library:ss854000",
    ]
    assert overview.context["results"][0].total.covered == 5


def test_readiness_export(world_a, client_for):
    iso = FrameworkItem.objects.get(urn="urn:hallbar:iso14001:7.5.1")
    evidence_on(action_for(world_a.organisation, world_a.unit), "styrning.pdf", clauses=[iso])
    client = client_for(world_a.user(Role.READER))
    url = reverse("documents:readiness", args=["urn:hallbar:library:iso14001"])
    response = client.get(url + "?export=csv")
    assert response["Content-Disposition"].startswith('attachment; filename="readiness-iso14001-')
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + FrameworkItem.objects.filter(library__urn="urn:hallbar:library:iso14001").count()
    assert any(line.startswith("7 ") and ";7.5.1;" in line and "styrning.pdf" in line for line in lines)
    assert client.get(url + "?export=xlsx").status_code == 200


def test_readiness_of_unknown_standards_is_not_found(world_a, client_for):
    client = client_for(world_a.user(Role.READER))
    for urn in ("urn:hallbar:library:sdg", "urn:nothing"):
        assert client.get(reverse("documents:readiness", args=[urn])).status_code == 404


def test_readiness_page_queries_do_not_grow(world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    iso = FrameworkItem.objects.filter(library__urn="urn:hallbar:library:iso14001")
    action = action_for(world_a.organisation, world_a.unit)
    for item in iso[:20]:
        evidence_on(action, f"{item.ref}.pdf", clauses=[item])
    url = reverse("documents:readiness", args=["urn:hallbar:library:iso14001"])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_clause_page_lists_the_organisations_evidence(world_a, world_b, client_for, english):
    clause = FrameworkItem.objects.get(urn="urn:hallbar:iso14001:7.5.3")
    evidence_on(action_for(world_a.organisation, world_a.unit), "var-rutin.pdf", clauses=[clause])
    evidence_on(action_for(world_b.organisation, world_b.unit), "deras-rutin.pdf", clauses=[clause])
    document = approved_document(world_a, [clause])
    body = client_for(world_a.user(Role.READER)).get(clause.get_absolute_url()).content.decode()
    assert "Evidence for this clause" in body and "var-rutin.pdf" in body and str(document) in body
    assert "deras-rutin.pdf" not in body
    assert reverse("documents:readiness", args=["urn:hallbar:library:iso14001"]) in body
    goal = FrameworkItem.objects.filter(library__urn="urn:hallbar:library:sdg").first()
    assert (
        "Evidence for this clause"
        not in client_for(world_a.user(Role.READER)).get(goal.get_absolute_url()).content.decode()
    )
