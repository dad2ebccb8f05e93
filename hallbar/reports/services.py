"""Every write of the report builder: settings, the logo, generation, approval and deletion.

A report is generated in the background (:func:`request_generation` → ``tasks.generate_report`` →
:func:`generate`): each generation is a new numbered version keeping its content and its PDF, DOCX and
XLSX files. Approving a version freezes the report: its settings cannot change, no new version is made,
and neither the approved version nor the report can be deleted.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hallbar.documents.uploads import kind_of, validate_upload

from .content import ContentProblem, assemble
from .models import Report, ReportVersion
from .sections import ordered

logger = logging.getLogger(__name__)

LOGO_TYPES = ("image/png", "image/jpeg")


def is_frozen(report: Report) -> bool:
    return report.versions.filter(approved_at__isnull=False).exists()


def _refuse_if_frozen(report: Report) -> None:
    if report.pk and is_frozen(report):
        raise ValidationError(_("The report has an approved version and is frozen."), code="frozen")


def check_logo(upload) -> None:
    """A logo is a PNG or JPEG file that passes the same checks as any stored file."""
    validate_upload(upload)
    kind = kind_of(upload.name)
    if kind is None or kind.content_type not in LOGO_TYPES:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_type")


def save_report(report: Report, *, logo=None, remove_logo: bool = False) -> Report:
    """Check and save the report's settings (and a new logo, checked before it is stored)."""
    _refuse_if_frozen(report)
    report.sections = ordered(report.sections or [])
    report.full_clean(exclude=["logo"])
    replaced = report.logo.name if report.logo else ""
    if logo is not None:
        check_logo(logo)
        report.logo.save(logo.name, logo, save=False)
    elif remove_logo:
        report.logo = None
    report.save()
    if replaced and replaced != report.logo.name:  # the replaced logo is not kept, once the save has committed
        storage = report.logo.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return report


def delete_report(report: Report) -> None:
    _refuse_if_frozen(report)
    for version in report.versions.all():
        _delete_files(version)
    if report.logo:
        report.logo.delete(save=False)
    report.delete()


def request_generation(report: Report, user) -> ReportVersion:
    """A new version, queued for the background worker (in the requester's language)."""
    from .tasks import generate_report

    _refuse_if_frozen(report)
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()
        if report.versions.filter(status__in=[ReportVersion.Status.QUEUED, ReportVersion.Status.RUNNING]).exists():
            raise ValidationError(_("A version of the report is already being generated."), code="busy")
        number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = ReportVersion.objects.create(
            report=report,
            number=number,
            audience=report.audience,
            language=get_language() or "sv",
            requested_by=user,
        )
    transaction.on_commit(lambda: generate_report.enqueue(version.pk))
    return version


def generate(version: ReportVersion) -> ReportVersion:
    """Assemble the content and write the three files (the background task's work)."""
    from .writers import docx, pdf, xlsx

    report = version.report
    version.status = ReportVersion.Status.RUNNING
    version.save(update_fields=["status"])
    try:
        with translation.override(version.language):
            content = assemble(report, version.requested_by)
            logo = _logo_bytes(report)
            files = {
                "pdf": pdf.write(content, logo),
                "docx": docx.write(content, logo),
                "xlsx": xlsx.write(content),
            }
    except ContentProblem as problem:
        return _finish(version, ReportVersion.Status.FAILED, str(problem))
    except Exception:
        logger.exception("Report version %s could not be generated", version.pk)
        with translation.override(version.language):
            message = _("The report could not be generated. Try again, or tell the people running Hållbar.")
        return _finish(version, ReportVersion.Status.FAILED, message)
    name = slugify(report.title)[:60] or "report"
    version.content = content
    for file_format, data in files.items():
        getattr(version, file_format).save(f"{name}-v{version.number}.{file_format}", ContentFile(data), save=False)
    return _finish(version, ReportVersion.Status.DONE, "")


def _finish(version: ReportVersion, status: str, message: str) -> ReportVersion:
    version.status, version.message, version.finished_at = status, message, timezone.now()
    version.save()
    return version


def _logo_bytes(report: Report) -> bytes | None:
    if not report.logo:
        return None
    with report.logo.open("rb") as stored:
        return stored.read()


def approve(version: ReportVersion, user) -> ReportVersion:
    """Approve a generated version; the report is frozen from then on."""
    if version.status != ReportVersion.Status.DONE:
        raise ValidationError(_("Only a generated version can be approved."), code="not_done")
    _refuse_if_frozen(version.report)
    version.approved_at, version.approved_by = timezone.now(), user
    version.save(update_fields=["approved_at", "approved_by"])
    return version


def delete_version(version: ReportVersion) -> None:
    if version.is_approved:
        raise ValidationError(_("An approved version cannot be deleted."), code="approved")
    if not version.is_finished:
        raise ValidationError(_("Wait until the version has been generated."), code="busy")
    _delete_files(version)
    version.delete()


def _delete_files(version: ReportVersion) -> None:
    for field in (version.pdf, version.docx, version.xlsx):
        if field:
            field.delete(save=False)
