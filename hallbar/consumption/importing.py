"""The ledger import as a job: the upload is stored and queued, the worker reads it (``ledger.py``) and stores
its totals, computed by ``services``, all or nothing.

The rules: a file is checked whole and either all its sums are stored or none. The same file (same checksum)
is never imported twice while its amounts are counted. A new import replaces the earlier imports whose period
and units lie within its own (a corrected ledger); an import of other units is kept beside it (a ledger per
administration); one sharing dates and units without lying within it is refused, because a line could then be
counted twice. One import or recomputation of an organisation runs at a time.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from operator import attrgetter
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hallbar.organisations.models import OrganisationUnit

from . import bulk
from .ledger import LedgerResult, UnreadableLedger, read_ledger
from .models import LedgerAggregate, LedgerImport, SupplierAggregate
from .services import apply_rules, intensities, locked_settings, rules_for, usd_per_sek_by_year

logger = logging.getLogger(__name__)
ABANDONED_AFTER = timedelta(hours=6)  # ten million lines take seconds; a queue that long is a stopped worker


def start_import(*, organisation, user, upload) -> LedgerImport:
    """Store the upload and queue it; the same file imported before (and still counted, or on its way) is
    refused."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    file_hash = digest.hexdigest()
    fail_abandoned(organisation)
    earlier = (
        LedgerImport.objects.filter(organisation=organisation, file_hash=file_hash)
        .exclude(status__in=[LedgerImport.Status.FAILED, LedgerImport.Status.REPLACED])
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            _("This file was already imported on %(date)s (%(name)s): its amounts are counted once.")
            % {"date": date_format(timezone.localtime(earlier.created_at), "SHORT_DATE_FORMAT"), "name": earlier}
        )
    job = LedgerImport(
        organisation=organisation, uploaded_by=user, original_filename=upload.name[:255], file_hash=file_hash
    )
    upload.seek(0)
    job.file.save(f"{file_hash}-{upload.name[-60:]}", upload, save=False)
    job.save()
    from .tasks import run_ledger_import

    transaction.on_commit(lambda: run_ledger_import.enqueue(job.pk))
    return job


def _progress(job: LedgerImport):
    def report(percent: int) -> None:
        LedgerImport.objects.filter(pk=job.pk).update(progress=percent)

    return report


def fail_abandoned(organisation) -> int:
    """Mark imports queued or running for longer than :data:`ABANDONED_AFTER` as failed (their worker was
    stopped: a restart, or too little memory), so that their file can be imported again; returns how many."""
    stalled = LedgerImport.objects.filter(
        organisation=organisation,
        status__in=[LedgerImport.Status.QUEUED, LedgerImport.Status.RUNNING],
        created_at__lt=timezone.now() - ABANDONED_AFTER,
    )
    for job in stalled:
        message = _(
            "The import stopped without finishing (the background worker was interrupted). Import the file again."
        )
        _finish(job, LedgerImport.Status.FAILED, message=message, error_count=1)
    return len(stalled)


def units_by_key(organisation) -> dict[str, int | None]:
    """Lower-case unit names and codes → unit id; None for a name or code that more than one unit has (lines
    naming it are refused). A code wins over another unit's equal name."""
    names: dict[str, int | None] = {}
    codes: dict[str, int | None] = {}
    for pk, name, code in OrganisationUnit.objects.filter(organisation=organisation).values_list("pk", "name", "code"):
        _claim(names, name.strip().lower(), pk)
        if code:
            _claim(codes, code.strip().lower(), pk)
    return {**names, **codes}


def _claim(keys: dict[str, int | None], key: str, pk: int) -> None:
    keys[key] = pk if keys.get(key, pk) == pk else None


def run_import(job: LedgerImport) -> LedgerImport:
    """Check and sum the file, then store everything or nothing; the file is removed afterwards. A job
    another worker has already taken (a task delivered twice) is left alone."""
    claimed = LedgerImport.objects.filter(pk=job.pk, status=LedgerImport.Status.QUEUED).update(
        status=LedgerImport.Status.RUNNING, progress=5
    )
    if not claimed:
        job.refresh_from_db()
        return job
    try:
        result = read_ledger(job.file.path, job.original_filename, units_by_key(job.organisation), _progress(job))
        if result.error_count:
            _finish(job, LedgerImport.Status.FAILED, error_count=result.error_count, errors=result.errors)
        else:
            with transaction.atomic():
                _store(job, result)
    except UnreadableLedger as unreadable:
        _finish(job, LedgerImport.Status.FAILED, message=unreadable.message, error_count=1)
    except ValidationError as refused:
        _finish(job, LedgerImport.Status.FAILED, message=" ".join(refused.messages), error_count=1)
    except Exception:
        logger.exception("Ledger import %s failed", job.pk)
        _finish(job, LedgerImport.Status.FAILED, message=_("The import failed unexpectedly."), error_count=1)
    job.refresh_from_db()
    return job


def _finish(job: LedgerImport, status: str, **values) -> None:
    if job.file:
        job.file.delete(save=False)
    for name, value in {"status": status, "progress": 100, "finished_at": timezone.now(), **values}.items():
        setattr(job, name, value)
    job.save()


def _store(job: LedgerImport, result: LedgerResult) -> None:
    settings = locked_settings(job.organisation)
    unit_ids = {total[1] for total in result.totals}
    _replace_earlier(job, result, unit_ids)
    _lock_units(job.organisation, unit_ids)
    rules = rules_for(job.organisation, settings)
    conversions = usd_per_sek_by_year({total[0] for total in result.totals}, settings)
    import_id, organisation_id = job.pk, job.organisation_id
    aggregates = []
    for year, unit_id, account, category, quantity_unit, rows, _credits, amount, quantity in result.totals:
        # The totals' fields by attribute name, without the cost of a model instance each.
        aggregate = SimpleNamespace(
            ledger_import_id=import_id,
            organisation_id=organisation_id,
            year=year,
            unit_id=unit_id,
            account=account,
            category=category,
            quantity_unit=quantity_unit,
            row_count=rows,
            amount_sek=amount,
            quantity=quantity,
        )
        apply_rules(aggregate, rules, conversions)
        aggregates.append(aggregate)
    names = ["ledger_import", "organisation", "year", "unit", "account", "category", "quantity_unit", "row_count"]
    names += ["amount_sek", "quantity", "mapping", "factor", "own_factor", "method", "usd_per_sek", "kg_co2e"]
    row = attrgetter(*(LedgerAggregate._meta.get_field(name).attname for name in names))  # one C call a total
    bulk.insert_rows(
        LedgerAggregate,
        names,
        map(row, aggregates),
    )
    intensity = intensities(aggregates, result.supplier_spend)
    bulk.insert_rows(
        SupplierAggregate,
        [
            "ledger_import",
            "organisation",
            "year",
            "org_number",
            "name",
            "account",
            "row_count",
            "amount_sek",
            "kg_co2e",
        ],
        (
            (
                import_id,
                organisation_id,
                year,
                org_number,
                (name or "")[:200],
                account,
                rows,
                amount,
                0.0 if amount[0] == "-" else float(amount) * intensity.get((year, account), 0.0),  # text: "-1.50"
            )  # fmt: skip
            for year, org_number, name, account, rows, amount in result.suppliers
        ),
    )
    _finish(
        job,
        LedgerImport.Status.DONE,
        row_count=result.row_count,
        credit_count=result.credit_count,
        amount_sek=result.amount,
        period_start=result.first_date,
        period_end=result.last_date,
        error_count=0,
        errors=[],
    )


def _replace_earlier(job: LedgerImport, result: LedgerResult, unit_ids: set[int]) -> None:
    """Replace the earlier imports the file covers: those whose period and units lie within its own (a
    corrected ledger). An import of other units is kept (a ledger per administration); one that shares units
    and dates with the file without lying within it is refused, because a line could then be counted twice."""
    overlapping = LedgerImport.objects.filter(
        organisation_id=job.organisation_id,
        status=LedgerImport.Status.DONE,
        period_start__lte=result.last_date,
        period_end__gte=result.first_date,
    ).exclude(pk=job.pk)
    earlier = []
    for other in overlapping:
        units = set(other.aggregates.values_list("unit_id", flat=True).distinct())
        if not units & unit_ids:
            continue
        if not units <= unit_ids:
            raise ValidationError(
                _(
                    "The file has lines of some but not all of the units of the import %(name)s "
                    "(%(other_start)s–%(other_end)s). Import a file with all of that import's units, or only "
                    "other units, for that period."
                )
                % {"name": other, "other_start": other.period_start, "other_end": other.period_end}
            )
        earlier.append(other)
    for other in earlier:
        if other.period_start < result.first_date or other.period_end > result.last_date:
            raise ValidationError(
                _(
                    "The file's period %(start)s–%(end)s partly overlaps the import %(name)s "
                    "(%(other_start)s–%(other_end)s). Import a file that covers that import's whole period, "
                    "or only dates outside it."
                )
                % {
                    "start": result.first_date,
                    "end": result.last_date,
                    "name": other,
                    "other_start": other.period_start,
                    "other_end": other.period_end,
                }
            )
    for other in earlier:
        other.aggregates.all().delete()
        other.supplier_aggregates.all().delete()
        other.status = LedgerImport.Status.REPLACED
        other.message = _("Replaced by %(name)s.") % {"name": job}
        other.save()


def _lock_units(organisation, unit_ids: set[int]) -> None:
    """Lock the units the totals name until they are committed; a unit removed since the file was read
    fails the import with a message (decision 0020: the database does not check the totals' keys)."""
    found = set(
        OrganisationUnit.objects.filter(organisation=organisation, pk__in=unit_ids)
        .select_for_update(no_key=True)
        .values_list("pk", flat=True)
    )
    if found != unit_ids:
        raise ValidationError(_("A unit named in the file was removed during the import. Import the file again."))
