"""The import pipeline: upload → parse → validate → preview → atomic commit → report.

Views and the background task call only these functions. A job's file is read again for every
check and for the commit (nothing half-parsed is kept between requests), and the commit validates
again inside its transaction, so data changed since the preview cannot slip through.
"""

from __future__ import annotations

import logging
import zlib

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hallbar.accounts.scoping import Scope

from .models import ImportJob
from .reading import ROW, RawTable, read_table
from .registry import ColumnType, CommitResult, ImportSpec
from .validation import ImportContext, Validation, auto_mapping, validate

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 10
# Files with more rows are imported by the background worker; smaller ones within the request.
BACKGROUND_ROWS = getattr(settings, "IMPORT_BACKGROUND_ROWS", 20_000)
MAX_FILE_BYTES = getattr(settings, "IMPORT_MAX_BYTES", 200 * 1024 * 1024)


class ImportRejected(Exception):
    """The commit found errors; the job has been marked failed with them and nothing was written."""

    def __init__(self, validation: Validation):
        super().__init__(f"{validation.errors.height} error(s)")
        self.validation = validation


def context_for(job: ImportJob, scope: Scope | None = None) -> ImportContext:
    scope = scope or Scope(job.uploaded_by, job.organisation)
    return ImportContext(organisation=job.organisation, scope=scope, user=job.uploaded_by, job=job)


def file_of(job: ImportJob) -> bytes:
    """The stored file (the manager defers it so that listing jobs never loads it)."""
    data = ImportJob.objects.filter(pk=job.pk).values_list("file_data", flat=True).get()
    return zlib.decompress(bytes(data))


def create_job(*, spec: ImportSpec, organisation, user, scope: Scope, filename: str, data: bytes) -> ImportJob:
    """Read and check an upload; raises :class:`reading.UnreadableFile` (nothing stored) if it cannot be read."""
    table = read_table(data, filename, spec)
    job = ImportJob(
        organisation=organisation,
        spec_key=spec.key,
        uploaded_by=user,
        original_filename=filename[:255],
        file_data=zlib.compress(data, 1),  # CSV shrinks about eightfold: less to send, store and back up
        file_size=len(data),
        headers=table.headers,
        header_row=table.header_row,
        mapping=auto_mapping(spec, table.headers),
    )
    _check(job, table, scope)
    job.save()
    return job


def recheck(job: ImportJob, mapping: dict[str, str], scope: Scope) -> ImportJob:
    """Validate again with a changed column mapping."""
    job.mapping = {column.name: mapping.get(column.name, "") for column in job.spec.columns}
    table = read_table(file_of(job), job.original_filename, job.spec)
    _check(job, table, scope)
    job.save()
    return job


def _check(job: ImportJob, table: RawTable, scope: Scope) -> Validation:
    spec = job.spec
    context = context_for(job, scope)
    validation = validate(spec, table, job.mapping, context)
    job.status = ImportJob.Status.PREVIEWED
    job.row_count = validation.row_count
    job.error_count = validation.errors.height
    job.errors = validation.stored_errors()
    job.preview = preview_rows(spec, validation.frame.head(PREVIEW_ROWS), context)
    replaced = 0
    if validation.is_valid and spec.count_existing is not None:
        replaced = spec.count_existing(validation.frame, context)
    job.replaced_count = replaced
    job.created_count = max(validation.row_count - replaced, 0) if validation.is_valid else 0
    return validation


def preview_rows(spec: ImportSpec, frame: pl.DataFrame, context: ImportContext) -> list[list]:
    """The first rows as they will be written: names for references, stored values otherwise."""
    if frame.is_empty():
        return []
    shown = frame.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))  # stored as JSON: dates as ISO text
    for name, labels in spec.display.items():
        names = labels(context)
        shown = shown.with_columns(pl.col(name).replace_strict(names, default=None, return_dtype=pl.String).alias(name))
    return [list(row) for row in shown.select(ROW, *[c.name for c in spec.columns]).rows()]


def display_preview(job: ImportJob) -> list[list]:
    """Stored preview rows with choice values shown as their labels in the active language."""
    spec = job.spec
    choices = [dict(column.choices) if column.type == ColumnType.CHOICE else None for column in spec.columns]
    rows = []
    for row in job.preview:
        cells = [
            str(labels.get(value, value)) if labels and value is not None else value
            for labels, value in zip(choices, row[1:], strict=False)
        ]
        rows.append([row[0], *cells])
    return rows


def start_commit(job: ImportJob, scope: Scope) -> bool:
    """Commit now (small files) or hand the job to the background worker; True when queued."""
    if job.row_count > BACKGROUND_ROWS:
        from .tasks import commit_import

        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
        job.status = ImportJob.Status.COMMITTING
        commit_import.enqueue(job.pk)
        return True
    try:
        commit(job, scope)
    except ImportRejected:
        pass  # the job carries the errors; the report shows them
    return False


def commit(job: ImportJob, scope: Scope | None = None) -> CommitResult:
    """Validate again and write all rows in one transaction: everything or nothing."""
    spec = job.spec
    context = context_for(job, scope)
    try:
        with transaction.atomic():
            table = read_table(file_of(job), job.original_filename, spec)
            validation = validate(spec, table, job.mapping, context)
            if not validation.is_valid:
                raise ImportRejected(validation)
            result = spec.commit(validation.frame, context)
            if result.created is None:
                result.created, result.replaced = validation.row_count, 0
            job.status = ImportJob.Status.COMMITTED
            job.row_count = validation.row_count
            job.created_count, job.replaced_count = result.created, result.replaced
            job.error_count, job.errors = 0, []
            job.committed_at = timezone.now()
            # The one history entry for the whole import (ImportJob is tracked): status and counts.
            job.save(
                update_fields=[
                    "status",
                    "row_count",
                    "created_count",
                    "replaced_count",
                    "error_count",
                    "errors",
                    "committed_at",
                ]
            )
    except ImportRejected as rejected:
        _fail(job, rejected.validation.stored_errors(), rejected.validation.errors.height)
        raise
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        _fail(job, [[None, "", "internal", "", ""]], 1)
        raise
    return result


def _fail(job: ImportJob, errors: list, count: int) -> None:
    job.status = ImportJob.Status.FAILED
    job.errors, job.error_count = errors, count
    job.created_count = job.replaced_count = 0
    job.save(update_fields=["status", "errors", "error_count", "created_count", "replaced_count"])
