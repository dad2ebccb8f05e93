"""Every write of the consumption footprint: settings, mappings, own factors, ledger imports, recomputation.

An organisation's own activity factor replaces one shipped activity factor (same unit) in every
mapping of the organisation that names it; totals computed with it keep it as ``own_factor`` so its
source is shown with them. Saving or deleting one recomputes the footprint in the background.

The import rule: a file is checked whole and either all its sums are stored or none. The same file
(same checksum) is never imported twice, and a new import replaces earlier imports whose period lies
within its own (a corrected ledger for the same year); a partial overlap is refused, because a line
could then be counted twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import FloatField, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hallbar.organisations.models import OrganisationUnit

from . import bulk, calculations, conversion
from .ledger import LedgerResult, UnreadableLedger, read_ledger
from .models import (
    AccountMapping,
    ConsumptionSettings,
    EmissionFactor,
    FactorSet,
    LedgerAggregate,
    LedgerImport,
    OwnFactor,
    SupplierAggregate,
)
from .models.settings import DEFAULT_PRICE_INDEX
from .reference import default_mapping

logger = logging.getLogger(__name__)
SPEND_SET = "epa-supply-chain-v1.3"


# Settings and mappings ------------------------------------------------------------------------


def settings_for(organisation) -> ConsumptionSettings:
    settings, _created = ConsumptionSettings.objects.get_or_create(
        organisation=organisation, defaults={"price_index": dict(DEFAULT_PRICE_INDEX)}
    )
    return settings


def save_settings(settings: ConsumptionSettings) -> ConsumptionSettings:
    settings.full_clean()
    settings.save()
    return settings


def install_default_mappings(organisation) -> int:
    """Give an organisation without mappings the default ones; returns how many were created."""
    if AccountMapping.objects.filter(organisation=organisation).exists():
        return 0
    spend = {factor.code: factor for factor in EmissionFactor.objects.filter(factor_set__key=SPEND_SET)}
    activity = {
        factor.code: factor for factor in EmissionFactor.objects.filter(factor_set__kind=FactorSet.Kind.ACTIVITY)
    }
    mappings = [
        AccountMapping(
            organisation=organisation,
            kind=AccountMapping.Kind.ACCOUNT,
            prefix=entry["prefix"],
            name=entry["name"],
            spend_factor=spend[entry["spend"]],
            activity_factor=activity[entry["activity"]] if entry.get("activity") else None,
            is_default=True,
        )
        for entry in default_mapping()["mappings"]
    ]
    AccountMapping.objects.bulk_create(mappings)
    return len(mappings)


def save_mapping(mapping: AccountMapping) -> AccountMapping:
    mapping.full_clean()
    mapping.is_default = False
    mapping.save()
    return mapping


@transaction.atomic
def save_own_factor(factor: OwnFactor) -> OwnFactor:
    """Validate and save an own activity factor; the footprint is recomputed in the background so
    the totals that use the replaced factor use this one."""
    factor.full_clean()
    factor.save()
    _recompute_later(factor.organisation_id)
    return factor


@transaction.atomic
def delete_own_factor(factor: OwnFactor) -> None:
    """Delete an own factor; the totals that used it go back to the shipped factor on recomputation."""
    organisation_id = factor.organisation_id
    factor.delete()
    _recompute_later(organisation_id)


def _recompute_later(organisation_id: int) -> None:
    from .tasks import recompute_footprint

    transaction.on_commit(lambda: recompute_footprint.enqueue(organisation_id))


# Imports --------------------------------------------------------------------------------------


def start_import(*, organisation, user, upload) -> LedgerImport:
    """Store the upload and queue it; the same file imported before is refused."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    file_hash = digest.hexdigest()
    earlier = (
        LedgerImport.objects.filter(organisation=organisation, file_hash=file_hash)
        .exclude(status=LedgerImport.Status.FAILED)
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


def units_by_key(organisation) -> dict[str, int]:
    """Lower-case unit names and codes → unit id (a code wins over another unit's equal name)."""
    keys: dict[str, int] = {}
    units = OrganisationUnit.objects.filter(organisation=organisation).values_list("pk", "name", "code")
    for pk, name, _code in units:
        keys[name.strip().lower()] = pk
    for pk, _name, code in units:
        if code:
            keys[code.strip().lower()] = pk
    return keys


def run_import(job: LedgerImport) -> LedgerImport:
    """Check and sum the file, then store everything or nothing; the file is removed afterwards."""
    LedgerImport.objects.filter(pk=job.pk).update(status=LedgerImport.Status.RUNNING, progress=5)
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
    _replace_earlier(job, result)
    _lock_units(job.organisation, {total[1] for total in result.totals})
    settings = settings_for(job.organisation)
    rules = _rules(job.organisation, settings)
    conversions = _usd_per_sek({total[0] for total in result.totals}, settings)
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
        _apply(aggregate, rules, conversions)
        aggregates.append(aggregate)
    names = ["ledger_import", "organisation", "year", "unit", "account", "category", "quantity_unit", "row_count"]
    names += ["amount_sek", "quantity", "mapping", "factor", "own_factor", "method", "usd_per_sek", "kg_co2e"]
    attributes = [LedgerAggregate._meta.get_field(name).attname for name in names]
    bulk.insert_rows(
        LedgerAggregate,
        names,
        ([getattr(aggregate, attribute) for attribute in attributes] for aggregate in aggregates),
    )
    intensity = _intensities(aggregates)
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
                float(amount) * intensity.get((year, account), 0.0),
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


def _replace_earlier(job: LedgerImport, result: LedgerResult) -> None:
    earlier = LedgerImport.objects.filter(
        organisation_id=job.organisation_id,
        status=LedgerImport.Status.DONE,
        period_start__lte=result.last_date,
        period_end__gte=result.first_date,
    ).exclude(pk=job.pk)
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


# Computation ----------------------------------------------------------------------------------


def _rules(organisation, settings: ConsumptionSettings) -> dict[str, dict[str, calculations.Rule]]:
    """kind → prefix → Rule, from the organisation's mappings (defaults installed if there are none)."""
    install_default_mappings(organisation)
    prices = conversion.unit_prices(settings)
    rules: dict[str, dict[str, calculations.Rule]] = {kind: {} for kind in AccountMapping.Kind.values}
    # Locked until the totals that name them are committed (decision 0020: the database does not check
    # the totals' keys, so a mapping or own factor must not be deleted meanwhile).
    mappings = (
        AccountMapping.objects.filter(organisation=organisation)
        .select_related("spend_factor", "activity_factor")
        .select_for_update(no_key=True, of=("self",))
    )
    own_factors = OwnFactor.objects.filter(organisation=organisation).select_for_update(no_key=True)
    own = {factor.replaces_id: factor for factor in own_factors}
    for mapping in mappings:
        activity = mapping.activity_factor
        replaced = own.get(mapping.activity_factor_id)
        rules[mapping.kind][mapping.prefix] = calculations.Rule(
            mapping_id=mapping.pk,
            spend_factor_id=mapping.spend_factor_id,
            spend_kg_per_usd=mapping.spend_factor.kg_co2e_per_unit,
            activity_factor_id=activity.pk if activity else None,
            activity_unit=activity.unit if activity else "",
            activity_kg_per_unit=(replaced or activity).kg_co2e_per_unit if activity else 0.0,
            own_factor_id=replaced.pk if replaced else None,
            unit_prices=prices.get(activity.code, {}) if activity else {},
        )
    return rules


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


def _usd_per_sek(years, settings: ConsumptionSettings) -> dict[int, float | None]:
    """USD of the price year per SEK of each year; None for a year without an index (only spend needs it)."""
    conversions = {}
    for year in years:
        try:
            conversions[year] = conversion.usd_per_sek(year, settings)
        except ValidationError:
            conversions[year] = None
    return conversions


def _apply(aggregate: LedgerAggregate, rules, conversions: dict[int, float | None]) -> None:
    """Resolve the mapping (a category mapping before the account's) and compute kg CO2e."""
    rule = None
    if aggregate.category:
        rule = calculations.longest_prefix(aggregate.category, rules[AccountMapping.Kind.CATEGORY])
    if rule is None:
        rule = calculations.longest_prefix(aggregate.account, rules[AccountMapping.Kind.ACCOUNT])
    usd_per_sek = conversions[aggregate.year]
    method, factor_id, kg = calculations.emissions(
        rule, aggregate.amount_sek, aggregate.quantity, aggregate.quantity_unit, usd_per_sek or 0.0, aggregate.year
    )
    if method == "spend" and usd_per_sek is None:
        raise ValidationError(conversion.missing_index_message([aggregate.year]))
    aggregate.usd_per_sek = usd_per_sek or 0.0
    aggregate.mapping_id = rule.mapping_id if rule else None
    aggregate.factor_id, aggregate.method, aggregate.kg_co2e = factor_id, method, kg
    aggregate.own_factor_id = rule.own_factor_id if method in ("activity", "price", "carried_price") else None


def _intensities(aggregates) -> dict[tuple[int, str], float]:
    """kg CO2e per SEK per (year, account): how supplier spend is turned into emissions."""
    kg, amount = defaultdict(float), defaultdict(Decimal)
    for aggregate in aggregates:
        key = (aggregate.year, aggregate.account)
        kg[key] += aggregate.kg_co2e
        amount[key] += Decimal(aggregate.amount_sek)
    return {key: kg[key] / float(amount[key]) for key in kg if amount[key]}


@transaction.atomic
def recompute(organisation) -> int:
    """Apply the current mappings, factors and conversion to every stored total; returns how many."""
    settings = settings_for(organisation)
    rules = _rules(organisation, settings)
    aggregates = list(LedgerAggregate.objects.filter(organisation=organisation))
    conversions = _usd_per_sek({aggregate.year for aggregate in aggregates}, settings)
    for aggregate in aggregates:
        _apply(aggregate, rules, conversions)
    LedgerAggregate.objects.bulk_update(
        aggregates, ["mapping", "factor", "own_factor", "method", "usd_per_sek", "kg_co2e"], batch_size=1000
    )
    for (year, account), intensity in _intensities(aggregates).items():
        SupplierAggregate.objects.filter(organisation=organisation, year=year, account=account).update(
            kg_co2e=Cast("amount_sek", FloatField()) * Value(intensity)
        )
    return len(aggregates)
