"""Controlled documents and the version workflow: every allowed and every refused transition."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.actions import services as action_services
from hallbar.documents import rules, services
from hallbar.documents.models import ControlledDocument, DocumentVersion
from hallbar.documents.rules import VersionStatus
from hallbar.frameworks.models import FrameworkItem
from hallbar.history.models import ChangeRecord

from .conftest import stored_files
from .factories import DocumentFactory, VersionFactory, approve, evidence_on
from .files import PDF, upload

DRAFT, APPROVED, SUPERSEDED = VersionStatus.DRAFT, VersionStatus.APPROVED, VersionStatus.SUPERSEDED


@pytest.fixture
def document(world_a):
    return DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, review_interval_months=6)


def scope_of(world, role):
    return Scope(world.user(role), world.organisation)


def refused(function, *args, **kwargs) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        function(*args, **kwargs)
    return " ".join(error.value.messages)


# The transition table -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "target", "allowed"),
    [
        (DRAFT, APPROVED, True),
        (APPROVED, SUPERSEDED, True),
        (DRAFT, SUPERSEDED, False),
        (DRAFT, DRAFT, False),
        (APPROVED, DRAFT, False),
        (APPROVED, APPROVED, False),
        (SUPERSEDED, DRAFT, False),
        (SUPERSEDED, APPROVED, False),
        (SUPERSEDED, SUPERSEDED, False),
    ],
)
def test_transition_table(status, target, allowed):
    assert rules.may_move(status, target) is allowed


def test_locked_statuses():
    assert [rules.is_locked(status) for status in (DRAFT, APPROVED, SUPERSEDED)] == [False, True, True]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 6, 1), 120, date(2036, 6, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_review_overdue():
    today = date(2026, 5, 1)
    assert not rules.is_review_overdue(None, today)
    assert not rules.is_review_overdue(today, today)
    assert rules.is_review_overdue(date(2026, 4, 30), today)


# Versions -------------------------------------------------------------------------------------------------


def test_versions_are_numbered_and_one_draft_at_a_time(document, world_a):
    author = world_a.user(Role.EDITOR)
    first = services.create_version(document, author=author, body="Text", change_summary="Första")
    assert (first.number, first.status, first.author) == (1, DRAFT, author)
    message = refused(services.create_version, document, author=author, body="Mer")
    assert message == "There is already a draft (version 1). Change that draft instead."
    approve(first, world_a.user(Role.COORDINATOR))
    second = services.create_version(document, author=author, body="Text 2")
    assert second.number == 2


def test_a_version_needs_text_or_a_file(document, world_a, media_root):
    message = refused(services.create_version, document, author=world_a.user(Role.EDITOR), body="  ")
    assert message == "Write the document's text or attach a file (or both)."
    version = services.create_version(document, author=world_a.user(Role.EDITOR), uploaded_file=upload("rutin.docx"))
    assert (version.original_name, version.body) == ("rutin.docx", "")
    assert len(stored_files(media_root)) == 1


def test_a_refused_file_stores_no_version_and_no_file(document, world_a, media_root):
    with pytest.raises(ValidationError):
        services.create_version(
            document, author=world_a.user(Role.EDITOR), body="Text", uploaded_file=upload("x.exe", b"MZ")
        )
    assert not DocumentVersion.objects.exists() and stored_files(media_root) == []


def test_a_failed_save_removes_the_stored_file(document, world_a, media_root, monkeypatch):
    def fail(self, *args, **kwargs):
        raise ValidationError("refused")

    monkeypatch.setattr(DocumentVersion, "full_clean", fail)
    with pytest.raises(ValidationError):
        services.create_version(document, author=world_a.user(Role.EDITOR), uploaded_file=upload())
    assert not DocumentVersion.objects.exists() and stored_files(media_root) == []


def test_draft_changes_and_file_replacement(document, world_a, media_root, django_capture_on_commit_callbacks):
    draft = services.create_version(document, author=world_a.user(Role.EDITOR), body="A", uploaded_file=upload())
    with django_capture_on_commit_callbacks(execute=True):
        services.update_draft(draft, body="B", change_summary="Ny bild", uploaded_file=upload("bild.png"))
    draft.refresh_from_db()
    assert (draft.body, draft.original_name, draft.content_type) == ("B", "bild.png", "image/png")
    [stored] = stored_files(media_root)
    assert stored.suffix == ".png"
    with django_capture_on_commit_callbacks(execute=True):
        services.update_draft(draft, body="B", change_summary="", remove_file=True)
    draft.refresh_from_db()
    assert not draft.file and draft.original_name == "" and stored_files(media_root) == []


def test_approving_supersedes_and_sets_the_next_review(document, world_a):
    author, approver = world_a.user(Role.EDITOR), world_a.user(Role.COORDINATOR)
    first = services.create_version(document, author=author, body="Version 1")
    moment = timezone.make_aware(timezone.datetime(2026, 1, 31, 10))
    services.approve_version(first, scope=scope_of(world_a, Role.COORDINATOR), on=moment)
    first.refresh_from_db()
    document.refresh_from_db()
    assert (first.status, first.approved_by, first.approved_at) == (APPROVED, approver, moment)
    assert document.next_review_date == date(2026, 7, 31)

    second = services.create_version(document, author=author, body="Version 2")
    approve(second, world_a.user(Role.ADMINISTRATOR))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SUPERSEDED, APPROVED)
    document.refresh_from_db()
    assert document.next_review_date == rules.add_months(timezone.localdate(), 6)
    changes = ChangeRecord.objects.filter(content_type__model="documentversion", object_id=first.pk)
    assert changes.filter(changes__has_key="status").exists()


def test_approval_refusals(document, world_a, world_b):
    author = world_a.user(Role.EDITOR)
    draft = services.create_version(document, author=author, body="Text")
    assert refused(services.approve_version, draft, scope=scope_of(world_a, Role.EDITOR)) == (
        "Version 1 cannot be approved: you wrote it, and a version is approved by someone else."
    )
    for role in (Role.READER, Role.AUDITOR):
        assert refused(services.approve_version, draft, scope=scope_of(world_a, role)) == (
            "Version 1 cannot be approved: you may not change this document."
        )
    foreign = Scope(world_b.user(Role.ADMINISTRATOR), world_b.organisation)
    assert "you may not change this document" in refused(services.approve_version, draft, scope=foreign)
    draft.refresh_from_db()
    assert draft.status == DRAFT and draft.approved_by is None

    approve(draft, world_a.user(Role.COORDINATOR))
    assert refused(services.approve_version, draft, scope=scope_of(world_a, Role.ADMINISTRATOR)) == (
        "Version 1 cannot be approved: it is approved, and only drafts can be approved."
    )
    second = services.create_version(document, author=author, body="Text 2")
    approve(second, world_a.user(Role.COORDINATOR))
    draft.refresh_from_db()
    assert refused(services.approve_version, draft, scope=scope_of(world_a, Role.ADMINISTRATOR)) == (
        "Version 1 cannot be approved: it is superseded, and only drafts can be approved."
    )


def test_an_editor_of_another_unit_may_not_approve(world_a):
    document = DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    draft = services.create_version(document, author=world_a.user(Role.COORDINATOR), body="Text")
    assert "you may not change this document" in refused(
        services.approve_version, draft, scope=scope_of(world_a, Role.EDITOR)
    )
    inside = DocumentFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    draft = services.create_version(inside, author=world_a.user(Role.COORDINATOR), body="Text")
    assert services.approve_version(draft, scope=scope_of(world_a, Role.EDITOR)).status == APPROVED


def test_an_empty_version_cannot_be_approved(document, world_a):
    empty = VersionFactory(document=document, body="", author=world_a.user(Role.EDITOR))
    assert refused(services.approve_version, empty, scope=scope_of(world_a, Role.COORDINATOR)) == (
        "Version 1 cannot be approved: it has neither text nor a file."
    )


@pytest.mark.parametrize("status", [APPROVED, SUPERSEDED])
def test_locked_versions_do_not_change(document, world_a, status):
    version = VersionFactory(document=document, status=status, author=world_a.user(Role.EDITOR), body="Låst")
    message = refused(services.update_draft, version, body="Ändrad", change_summary="")
    assert message == f"Version {version.number} is {status} and locked: write a new version instead."
    version.refresh_from_db()
    assert version.body == "Låst"


def test_one_approved_version_per_document_in_the_database(document, world_a):
    VersionFactory(document=document, status=APPROVED, author=world_a.user(Role.EDITOR))
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError, whatever the database calls it
        VersionFactory(document=document, status=APPROVED, author=world_a.user(Role.EDITOR))


# Documents --------------------------------------------------------------------------------------------


def test_save_document_checks_links(world_a, world_b):
    document = ControlledDocument(
        organisation=world_a.organisation,
        kind="procedure",
        title="Rutin",
        responsible_unit=world_b.unit,
        owner=world_b.user(Role.EDITOR),
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_document(document)
    assert set(error.value.message_dict) == {"responsible_unit", "owner"}
    document.responsible_unit, document.owner = world_a.unit, world_a.user(Role.EDITOR)
    clause = FrameworkItem.objects.get(urn="urn:hallbar:iso14001:7.5")
    goal = FrameworkItem.objects.filter(library__urn="urn:hallbar:library:sdg").first()
    with pytest.raises(ValidationError):
        services.save_document(document, clauses=[clause, goal])
    assert document.pk is None
    services.save_document(document, clauses=[clause])
    assert list(document.clauses.all()) == [clause]


def test_reference_codes_are_unique_per_organisation(world_a, world_b):
    DocumentFactory(organisation=world_a.organisation, reference_code="RUT-1")
    DocumentFactory(organisation=world_b.organisation, reference_code="RUT-1")
    DocumentFactory(organisation=world_a.organisation, reference_code="")
    services.save_document(ControlledDocument(organisation=world_a.organisation, kind="plan", title="Utan kod"))
    duplicate = ControlledDocument(organisation=world_a.organisation, kind="plan", title="X", reference_code="RUT-1")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_document(duplicate)
    assert "Another document of the organisation has this reference code." in error.value.messages


def test_what_keeps_a_document_from_being_deleted(document, world_a):
    assert services.deletion_refusal(document) is None
    draft = services.create_version(document, author=world_a.user(Role.EDITOR), body="Text")
    assert services.deletion_refusal(document) is None
    evidence = evidence_on(document)
    with translation.override("en"):
        assert "evidence files are attached to it" in services.deletion_refusal(document)
    evidence.delete()
    action = action_services.create_action(organisation=world_a.organisation, title="Uppdatera", reason=document)
    with translation.override("en"):
        assert "follow-up actions refer to it" in services.deletion_refusal(document)
    action.delete()
    approve(draft, world_a.user(Role.COORDINATOR))
    with translation.override("en"):
        assert "it has approved versions" in services.deletion_refusal(document)


def test_file_of_a_deleted_draft_goes_with_it(document, world_a, media_root, django_capture_on_commit_callbacks):
    services.create_version(document, author=world_a.user(Role.EDITOR), uploaded_file=upload("rutin.odt"))
    assert len(stored_files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert stored_files(media_root) == [] and not DocumentVersion.objects.exists()


def test_pdf_content_is_kept_exactly(document, world_a):
    version = services.create_version(document, author=world_a.user(Role.EDITOR), uploaded_file=upload())
    with version.file.open("rb") as handle:
        assert handle.read() == PDF
