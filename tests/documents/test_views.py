"""The document pages: list with filters and export, detail, create and edit by unit, versions and
approval through the pages, delete guard, the policy page and the menu."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.documents import services
from hallbar.documents.models import ControlledDocument, DocumentVersion
from hallbar.frameworks.models import FrameworkItem

from .conftest import stored_files
from .factories import DocumentFactory, approve, document_for, evidence_on
from .files import upload


def document_data(world, **overrides):
    data = {
        "kind": "procedure",
        "title": "Rutin för avfall",
        "reference_code": "RUT-07",
        "owner": world.user(Role.EDITOR).pk,
        "responsible_unit": world.unit.pk,
        "review_interval_months": "12",
        "next_review_date": "",
    }
    return {**data, **overrides}


# List -------------------------------------------------------------------------------------------------


def test_list_filters_flags_and_exports(world_a, world_b, client_for):
    today = timezone.localdate()
    due = DocumentFactory(
        organisation=world_a.organisation, title="Förfallen rutin", next_review_date=today - timedelta(days=1)
    )
    policy = document_for(world_a.organisation, world_a.unit)
    other_unit = DocumentFactory(
        organisation=world_a.organisation, title="Syskonrutin", responsible_unit=world_a.sibling
    )
    document_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.READER))
    url = reverse("documents:list")

    page = client.get(url)
    assert page.status_code == 200
    assert {d.pk for d in page.context["documents"]} == {due.pk, policy.pk, other_unit.pk}
    flagged = {d.pk: d.is_review_overdue for d in page.context["documents"]}
    assert flagged == {due.pk: True, policy.pk: False, other_unit.pk: False}
    assert [d.pk for d in client.get(url, {"kind": "policy"}).context["documents"]] == [policy.pk]
    assert [d.pk for d in client.get(url, {"overdue": "on"}).context["documents"]] == [due.pk]
    in_committee = client.get(url, {"unit": world_a.committee.pk}).context["documents"]
    assert {d.pk for d in in_committee} == {policy.pk, other_unit.pk}  # the committee's subtree
    assert [d.pk for d in client.get(url, {"unit": world_a.sibling.pk}).context["documents"]] == [other_unit.pk]
    assert len(client.get(url, {"kind": "bogus"}).context["documents"]) == 3  # bad filters are ignored

    response = client.get(url, {"export": "csv", "overdue": "on"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "Förfallen rutin" in lines[1]
    row = client.get(url, {"export": "csv", "kind": "policy"})
    policy_line = b"".join(row.streaming_content).decode("utf-8-sig").splitlines()[1]
    assert policy_line.startswith("POL-01;Miljöpolicy;") and ";1;2;" in policy_line  # approved 1, draft 2
    assert client.get(url, {"export": "xlsx"}).status_code == 200


def test_review_overdue_is_shown_on_the_list(world_a, client_for, english):
    DocumentFactory(organisation=world_a.organisation, next_review_date=timezone.localdate() - timedelta(days=3))
    body = client_for(world_a.user(Role.READER)).get(reverse("documents:list")).content.decode()
    assert "Review overdue" in body


def test_list_queries_do_not_grow(world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    for number in range(12):
        document = DocumentFactory(
            organisation=world_a.organisation, responsible_unit=world_a.unit, owner=world_a.user(Role.EDITOR)
        )
        services.create_version(document, author=world_a.user(Role.EDITOR), body=f"Text {number}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("documents:list")).status_code == 200


# Create, edit, detail ---------------------------------------------------------------------------------


def test_coordinator_creates_a_document_with_clauses(world_a, client_for, english):
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("documents:create")).status_code == 200
    clause = FrameworkItem.objects.get(urn="urn:hallbar:iso14001:7.5.3")
    response = client.post(reverse("documents:create"), document_data(world_a, clauses=[clause.pk]))
    assert response.status_code == 302, response.context["form"].errors
    document = ControlledDocument.objects.get()
    assert (document.organisation, document.reference_code, list(document.clauses.all())) == (
        world_a.organisation,
        "RUT-07",
        [clause],
    )
    response = client.post(reverse("documents:create"), document_data(world_a, title="Annan"))
    assert response.status_code == 200
    assert "Another document of the organisation has this reference code." in response.content.decode()


def test_editors_create_and_edit_for_their_units(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration
    response = client.post(reverse("documents:create"), document_data(world_a, responsible_unit=world_a.sibling.pk))
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    assert client.post(reverse("documents:create"), document_data(world_a)).status_code == 302
    own = ControlledDocument.objects.get()
    other = DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    assert client.get(reverse("documents:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("documents:edit", args=[other.pk])).status_code == 403
    response = client.post(reverse("documents:edit", args=[own.pk]), document_data(world_a, title="Ny titel"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Ny titel"


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_do_not_create(world_a, client_for, role):
    client = client_for(world_a.user(role))
    assert client.get(reverse("documents:create")).status_code == 403
    assert client.post(reverse("documents:create"), document_data(world_a)).status_code == 403


def test_detail_page(world_a, world_b, client_for, django_assert_max_num_queries):
    document = document_for(world_a.organisation, world_a.unit)
    document.clauses.set(FrameworkItem.objects.filter(urn="urn:hallbar:iso14001:5.2"))
    for number in range(5):
        evidence_on(document, f"bilaga-{number}.pdf", clauses=FrameworkItem.objects.filter(urn__contains=":7.5"))
    reader = client_for(world_a.user(Role.READER))
    with django_assert_max_num_queries(22):
        page = reader.get(document.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert "Vi minskar vår klimatpåverkan." in body and "bilaga-4.pdf" in body
    assert page.context["current"].number == 1 and page.context["has_draft"]
    assert 'enctype="multipart/form-data"' not in body  # readers get no upload form
    editor_page = client_for(world_a.user(Role.COORDINATOR)).get(document.get_absolute_url())
    assert 'enctype="multipart/form-data"' in editor_page.content.decode()
    client = client_for(world_b.user(Role.ADMINISTRATOR))
    assert client.get(document.get_absolute_url()).status_code == 404


# Versions ---------------------------------------------------------------------------------------------


def test_new_version_with_a_file_and_approval_by_someone_else(world_a, client_for, media_root, english):
    document = DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    editor = client_for(world_a.user(Role.EDITOR))
    url = reverse("documents:version-create", args=[document.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"body": "", "change_summary": "Första", "file": upload("rutin.docx")})
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert response.url == version.get_absolute_url()
    assert (version.number, version.status, version.original_name) == (1, "draft", "rutin.docx")

    download = editor.get(reverse("documents:version-file", args=[version.pk]))
    assert download.status_code == 200 and download["Content-Disposition"] == 'attachment; filename="rutin.docx"'

    page = editor.get(version.get_absolute_url())
    assert not page.context["can_approve"] and "you wrote it" in page.context["approval_note"]
    response = editor.post(reverse("documents:version-approve", args=[version.pk]), follow=True)
    assert "Version 1 cannot be approved: you wrote it" in response.content.decode()
    version.refresh_from_db()
    assert version.status == "draft"

    coordinator = client_for(world_a.user(Role.COORDINATOR))
    assert coordinator.get(version.get_absolute_url()).context["can_approve"]
    response = coordinator.post(reverse("documents:version-approve", args=[version.pk]))
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.status, version.approved_by) == ("approved", world_a.user(Role.COORDINATOR))


def test_approval_refused_for_readers_through_the_page(world_a, client_for, english):
    document = document_for(world_a.organisation, world_a.unit)
    draft = document.versions.get(status="draft")
    response = client_for(world_a.user(Role.READER)).post(
        reverse("documents:version-approve", args=[draft.pk]), follow=True
    )
    assert "Version 2 cannot be approved: you may not change this document." in response.content.decode()
    approve_url = reverse("documents:version-approve", args=[draft.pk])
    assert client_for(world_a.user(Role.READER)).get(approve_url).status_code == 405


def test_a_refused_file_on_a_new_version_stores_nothing(world_a, client_for, media_root, english):
    document = DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    response = client.post(
        reverse("documents:version-create", args=[document.pk]),
        {"body": "Text", "change_summary": "", "file": upload("makro.docm", b"PK\x03\x04")},
    )
    assert response.status_code == 200
    assert "“makro.docm” is not a type of file that can be stored." in response.content.decode()
    assert not DocumentVersion.objects.exists() and stored_files(media_root) == []


def test_a_second_draft_is_refused_on_the_form(world_a, client_for, english):
    document = document_for(world_a.organisation, world_a.unit)  # has a draft
    response = client_for(world_a.user(Role.COORDINATOR)).post(
        reverse("documents:version-create", args=[document.pk]), {"body": "Mer text", "change_summary": ""}
    )
    assert response.status_code == 200
    assert "There is already a draft (version 2). Change that draft instead." in response.content.decode()


def test_editing_drafts_and_locked_versions(world_a, client_for, english):
    document = document_for(world_a.organisation, world_a.unit)
    draft, approved = document.versions.get(status="draft"), document.versions.get(status="approved")
    client = client_for(world_a.user(Role.COORDINATOR))
    url = reverse("documents:version-edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"body": "Ändrad text", "change_summary": "Språk"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.body, draft.change_summary) == ("Ändrad text", "Språk")

    locked = reverse("documents:version-edit", args=[approved.pk])
    response = client.post(locked, {"body": "Ändrad", "change_summary": ""}, follow=True)
    assert "Version 1 is approved and locked: write a new version instead." in response.content.decode()
    approved.refresh_from_db()
    assert approved.body == "Vi minskar vår klimatpåverkan."
    assert client.get(locked).status_code == 302
    assert client_for(world_a.user(Role.READER)).get(url).status_code == 403


def test_version_pages_of_another_organisation_are_not_found(world_a, world_b, client_for):
    version = document_for(world_b.organisation, world_b.unit).versions.get(number=1)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for name in ("documents:version", "documents:version-edit", "documents:version-file"):
        assert client.get(reverse(name, args=[version.pk])).status_code == 404
    assert client.post(reverse("documents:version-approve", args=[version.pk])).status_code == 404


# Delete -------------------------------------------------------------------------------------------------


def test_delete_is_refused_with_the_reason(world_a, client_for, english):
    document = document_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("documents:delete", args=[document.pk]), follow=True)
    assert "it has approved versions, which are kept as a record" in response.content.decode()
    assert ControlledDocument.objects.filter(pk=document.pk).exists()


def test_a_document_with_only_a_draft_is_deleted(world_a, client_for):
    document = DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    services.create_version(document, author=world_a.user(Role.EDITOR), body="Utkast")
    delete_url = reverse("documents:delete", args=[document.pk])
    assert client_for(world_a.user(Role.READER)).post(delete_url).status_code == 403
    client = client_for(world_a.user(Role.EDITOR))
    assert client.get(reverse("documents:delete", args=[document.pk])).status_code == 200
    response = client.post(reverse("documents:delete", args=[document.pk]))
    assert response.status_code == 302 and response.url == reverse("documents:list")
    assert not ControlledDocument.objects.exists() and not DocumentVersion.objects.exists()


# Policy and menu ----------------------------------------------------------------------------------------


def test_the_policy_page(world_a, world_b, client_for, english):
    client = client_for(world_a.user(Role.READER))
    body = client.get(reverse("documents:policy")).content.decode()
    assert "The organisation has no approved policy yet." in body
    document = document_for(world_a.organisation, world_a.unit)
    draft = document.versions.get(status="draft")
    approve(draft, world_a.user(Role.ADMINISTRATOR))
    document_for(world_b.organisation, world_b.unit)
    page = client.get(reverse("documents:policy"))
    assert page.context["policy"] == draft
    assert "Vi minskar vår klimatpåverkan kraftigt." in page.content.decode()


def test_policy_is_in_the_menu_and_footer_for_every_member(world_a, client_for, english):
    body = client_for(world_a.user(Role.READER)).get(reverse("documents:list")).content.decode()
    policy = reverse("documents:policy")
    assert body.count(f'href="{policy}"') >= 3  # menu, footer and the list's button
    for name in ("documents:list", "documents:readiness-overview"):
        assert f'href="{reverse(name)}"' in body
