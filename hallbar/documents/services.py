"""Every write of evidence, controlled documents and document versions, with the version workflow.

Views, the API and other apps call these functions. Callers check *who* may write with
``request.scope`` (for evidence: the permission to change the subject, see :func:`evidence_permission`),
except for approving a version, whose guard includes who approves (:func:`approve_version`).

Rules:

1. A file is checked by :func:`hallbar.documents.uploads.validate_upload` (type by name and by
   content, size) before anything is stored; a refused file leaves no row and no file behind.
2. Evidence belongs to the organisation of its subject, and names only clauses of standards and
   requirement libraries. Deleting evidence removes its file once the deletion is committed.
3. A version has text, a file, or both. A document has at most one draft; its number is the next
   after the document's highest.
4. Only drafts change. Approving needs the permission to change the document and must be done by
   someone other than the author; it supersedes the previously approved version and sets the
   document's next review date (see :mod:`hallbar.documents.rules`).
5. A document whose versions have been approved is a record and is not deleted; nor one that has
   evidence or follow-up actions attached (:func:`deletion_refusal`; the delete page then deletes it
   with the guarded delete). A document with only a draft is deleted with its draft and its file.
"""

from collections.abc import Iterable
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hallbar.accounts.roles import Permission
from hallbar.accounts.scoping import organisation_id_of
from hallbar.frameworks.models import FrameworkItem, Library

from . import rules
from .models import ControlledDocument, DocumentVersion, Evidence
from .models.files import StoredFile
from .rules import VersionStatus
from .uploads import kind_of, validate_upload

CLAUSE_LIBRARY_KINDS = (Library.Kind.STANDARD, Library.Kind.REQUIREMENTS)


# Files ------------------------------------------------------------------------------------------------


def _store_file(record: StoredFile, uploaded_file) -> None:
    """Check the upload, then write it to storage (at a random path) and describe it on ``record``."""
    validate_upload(uploaded_file)
    name = PurePath(uploaded_file.name).name
    record.original_name = name[-255:]
    record.content_type = kind_of(name).content_type
    record.size = uploaded_file.size
    uploaded_file.seek(0)
    record.file.save(name, uploaded_file, save=False)


def remove_file_on_commit(record: StoredFile) -> None:
    if record.file:
        storage, name = record.file.storage, record.file.name
        transaction.on_commit(lambda: storage.delete(name))


def file_record_deleted(sender, instance: StoredFile, **kwargs) -> None:
    """``post_delete`` of evidence and document versions (connected in apps.py): the file goes with its
    row, however the row is deleted (also when a document's draft goes with the document)."""
    remove_file_on_commit(instance)


def _save_with_file(record: StoredFile, uploaded_file, save) -> None:
    """Store the file, then call ``save()``; a failure removes the file again."""
    previous = record.file.name if record.file else ""
    _store_file(record, uploaded_file)
    try:
        save()
    except BaseException:
        record.file.storage.delete(record.file.name)
        raise
    if previous:
        storage = record.file.storage
        transaction.on_commit(lambda: storage.delete(previous))


# Evidence ---------------------------------------------------------------------------------------------


def evidence_permission(subject: models.Model) -> str:
    """What one must be allowed to do on ``subject`` to add or delete its evidence: change it, unless
    its model says otherwise (audit findings: ``evidence_permission = Permission.WRITE_FINDINGS``)."""
    return getattr(subject, "evidence_permission", Permission.CHANGE)


def check_clauses(clauses: Iterable[FrameworkItem]) -> list[FrameworkItem]:
    clauses = list(clauses)
    wrong = [
        item
        for item in FrameworkItem.objects.filter(pk__in=[c.pk for c in clauses]).exclude(
            library__kind__in=CLAUSE_LIBRARY_KINDS
        )
    ]
    if wrong:
        names = ", ".join(f"“{item}”" for item in wrong[:5])
        raise ValidationError({"clauses": _("These are not clauses of a standard: %(names)s.") % {"names": names}})
    return clauses


@transaction.atomic
def attach_evidence(
    subject: models.Model, uploaded_file, *, user, description: str = "", clauses: Iterable[FrameworkItem] = ()
) -> Evidence:
    """Store ``uploaded_file`` as evidence of ``subject`` (a saved object of an organisation).

    Raises ValidationError (nothing stored) when the file is refused or a clause is not a clause of
    a standard.
    """
    if subject.pk is None:
        raise ValueError("The subject must be saved before evidence can be attached to it.")
    clauses = check_clauses(clauses)
    evidence = Evidence(
        organisation_id=organisation_id_of(subject),
        subject_type=ContentType.objects.get_for_model(type(subject)),
        subject_id=subject.pk,
        description=description,
        uploaded_by=user,
    )
    _save_with_file(evidence, uploaded_file, evidence.save)
    evidence.clauses.set(clauses)
    return evidence


def delete_evidence(evidence: Evidence) -> None:
    """Delete the evidence; its file goes when the deletion is committed."""
    evidence.delete()


# Controlled documents ---------------------------------------------------------------------------------


@transaction.atomic
def save_document(document: ControlledDocument, *, clauses: Iterable[FrameworkItem] | None = None):
    """Validate and save a new or changed document; ``clauses`` given as ``None`` stay as they are."""
    clauses = check_clauses(clauses) if clauses is not None else None
    document.full_clean()
    document.save()
    if clauses is not None:
        document.clauses.set(clauses)
    return document


def deletion_refusal(document: ControlledDocument) -> str | None:
    """Why ``document`` may not be deleted (rule 5), or None."""
    from hallbar.actions.models import Action

    name = capfirst(str(document))
    if document.versions.filter(status__in=rules.LOCKED_STATUSES).exists():
        return _(
            "%(document)s cannot be deleted: it has approved versions, which are kept as a record. "
            "Write a new version instead."
        ) % {"document": name}
    if Evidence.objects.for_subject(document).exists():
        return _("%(document)s cannot be deleted: evidence files are attached to it. Delete them first.") % {
            "document": name
        }
    if Action.objects.for_reason(document).exists():
        return _("%(document)s cannot be deleted: follow-up actions refer to it.") % {"document": name}
    return None


# Versions and the approval workflow -------------------------------------------------------------------


def _check_content(version: DocumentVersion) -> None:
    if not version.body.strip() and not version.file:
        raise ValidationError({"body": _("Write the document's text or attach a file (or both).")})


@transaction.atomic
def create_version(
    document: ControlledDocument, *, author, body: str = "", change_summary: str = "", uploaded_file=None
) -> DocumentVersion:
    """A new draft of ``document``, numbered after its highest version (rule 3)."""
    ControlledDocument.objects.select_for_update().filter(pk=document.pk).first()
    draft = document.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        raise ValidationError(
            _("There is already a draft (version %(number)s). Change that draft instead.") % {"number": draft.number}
        )
    highest = document.versions.aggregate(highest=Max("number"))["highest"] or 0
    version = DocumentVersion(
        document=document, number=highest + 1, author=author, body=body, change_summary=change_summary
    )
    return _save_version(version, uploaded_file)


def _save_version(version: DocumentVersion, uploaded_file) -> DocumentVersion:
    def save():
        _check_content(version)
        version.full_clean()
        version.save()

    if uploaded_file is not None:
        _save_with_file(version, uploaded_file, save)
    else:
        save()
    return version


@transaction.atomic
def update_draft(
    version: DocumentVersion, *, body: str, change_summary: str, uploaded_file=None, remove_file: bool = False
) -> DocumentVersion:
    """Change a draft's text, summary and file; approved and superseded versions are locked (rule 4)."""
    if rules.is_locked(version.status):
        raise ValidationError(
            _("Version %(number)s is %(status)s and locked: write a new version instead.")
            % {"number": version.number, "status": version.get_status_display().lower()}
        )
    version.body, version.change_summary = body, change_summary
    if remove_file and uploaded_file is None and version.file:
        remove_file_on_commit(version)
        version.file, version.original_name, version.content_type, version.size = "", "", "", 0
    return _save_version(version, uploaded_file)


def approval_refusal(version: DocumentVersion, scope) -> str | None:
    """Why ``scope.user`` may not approve ``version`` (rule 4), or None: the guard of the one transition
    people make."""
    if not rules.may_move(version.status, VersionStatus.APPROVED):
        return _("Version %(number)s cannot be approved: it is %(status)s, and only drafts can be approved.") % {
            "number": version.number,
            "status": version.get_status_display().lower(),
        }
    if not scope.has(Permission.CHANGE, version.document):
        return _("Version %(number)s cannot be approved: you may not change this document.") % {
            "number": version.number
        }
    if scope.user is not None and version.author_id == scope.user.pk:
        return _("Version %(number)s cannot be approved: you wrote it, and a version is approved by someone else.") % {
            "number": version.number
        }
    if not version.body.strip() and not version.file:
        return _("Version %(number)s cannot be approved: it has neither text nor a file.") % {"number": version.number}
    return None


@transaction.atomic
def approve_version(version: DocumentVersion, *, scope, on=None) -> DocumentVersion:
    """Approve a draft as ``scope.user``: the previously approved version becomes superseded, and the
    document's next review is due after its review interval. Raises ValidationError with the reason."""
    document = ControlledDocument.objects.select_for_update().get(pk=version.document_id)
    version.refresh_from_db()
    refusal = approval_refusal(version, scope)
    if refusal:
        raise ValidationError(refusal)
    now = on or timezone.now()
    for previous in document.versions.filter(status=VersionStatus.APPROVED):
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    version.status = VersionStatus.APPROVED
    version.approved_by = scope.user
    version.approved_at = now
    version.save(update_fields=["status", "approved_by", "approved_at"])
    document.next_review_date = rules.add_months(timezone.localdate(now), document.review_interval_months)
    document.save(update_fields=["next_review_date"])
    version.document = document
    return version
