"""The documents API: read-only, scoped, filters, evidence metadata without file paths."""

from datetime import timedelta

from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.frameworks.models import FrameworkItem
from tests.actions.factories import action_for

from .factories import DocumentFactory, document_for, evidence_on


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_documents_are_scoped_and_filtered(world_a, world_b, api):
    policy = document_for(world_a.organisation, world_a.unit)
    due = DocumentFactory(organisation=world_a.organisation, next_review_date=timezone.localdate() - timedelta(days=1))
    document_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/documents/")) == {policy.pk, due.pk}
    assert ids(client.get("/api/v1/documents/?kind=policy")) == {policy.pk}
    assert ids(client.get("/api/v1/documents/?review_overdue=true")) == {due.pk}
    assert ids(client.get(f"/api/v1/documents/?responsible_unit={world_a.unit.pk}")) == {policy.pk}
    assert client.get("/api/v1/documents/?kind=bogus").status_code == 400
    row = client.get(f"/api/v1/documents/{policy.pk}/").json()
    assert (row["current_version"], row["draft_version"], row["is_review_overdue"]) == (1, 2, False)
    foreign = document_for(world_b.organisation, world_b.unit)
    assert client.get(f"/api/v1/documents/{foreign.pk}/").status_code == 404


def test_versions(world_a, world_b, api):
    policy = document_for(world_a.organisation, world_a.unit)
    document_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.AUDITOR))
    versions = client.get(f"/api/v1/document-versions/?document={policy.pk}").json()["results"]
    assert [(v["number"], v["status"]) for v in versions] == [(2, "draft"), (1, "approved")]
    assert ids(client.get("/api/v1/document-versions/?status=approved")) == {policy.versions.get(number=1).pk}
    assert versions[0]["download_url"] is None


def test_evidence_metadata(world_a, world_b, api):
    action = action_for(world_a.organisation, world_a.unit)
    clause = FrameworkItem.objects.get(urn="urn:hallbar:iso14001:9.1.1")
    mine = evidence_on(action, "matning.pdf", clauses=[clause])
    on_document = evidence_on(document_for(world_a.organisation, world_a.unit))
    evidence_on(action_for(world_b.organisation, world_b.unit))
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/evidence/")) == {mine.pk, on_document.pk}
    assert ids(client.get("/api/v1/evidence/?subject_type=actions.action")) == {mine.pk}
    assert ids(client.get(f"/api/v1/evidence/?subject_type=actions.action&subject_id={action.pk}")) == {mine.pk}
    assert ids(client.get(f"/api/v1/evidence/?clause={clause.urn}")) == {mine.pk}
    assert client.get("/api/v1/evidence/?subject_type=no-dots").status_code == 400
    row = client.get(f"/api/v1/evidence/{mine.pk}/").json()
    assert row["subject_type"] == "actions.action" and row["clauses"] == [clause.urn]
    assert row["download_url"].endswith(f"/documents/evidence/{mine.pk}/")
    assert "file" not in row and mine.file.name not in str(row)


def test_the_api_is_read_only(world_a, api):
    policy = document_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(Role.ADMINISTRATOR))
    assert client.post("/api/v1/documents/", {"title": "X"}, format="json").status_code == 405
    assert client.patch(f"/api/v1/documents/{policy.pk}/", {"title": "X"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/documents/{policy.pk}/").status_code == 405
