"""Every write of the consumption footprint but the ledger import (``importing.py``): settings, mappings, own
factors, and the computation both the import and recomputation apply to the totals.

An organisation's own activity factor replaces one shipped activity factor (same unit) in every
mapping of the organisation that names it; totals computed with it keep it as ``own_factor`` so its
source is shown with them. Saving or deleting one recomputes the footprint in the background.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import FloatField, Sum, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from . import calculations, conversion
from .models import (
    AccountMapping,
    ConsumptionSettings,
    EmissionFactor,
    FactorSet,
    LedgerAggregate,
    OwnFactor,
    Recomputation,
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
    _recompute_later(factor.organisation)
    return factor


@transaction.atomic
def delete_own_factor(factor: OwnFactor) -> None:
    """Delete an own factor; the totals that used it go back to the shipped factor on recomputation."""
    organisation = factor.organisation
    factor.delete()
    _recompute_later(organisation)


# Recomputation in the background --------------------------------------------------------------


def start_recompute(organisation, user) -> Recomputation:
    """Queue a recomputation someone asked for; refused at once when the price index lacks a year with totals."""
    missing = conversion.years_without_index(organisation, settings_for(organisation).price_index)
    if missing:
        raise ValidationError(conversion.missing_index_message(missing))
    return _recompute_later(organisation, user)


def _recompute_later(organisation, user=None) -> Recomputation:
    from .tasks import run_recomputation

    job = Recomputation.objects.create(organisation=organisation, requested_by=user)
    transaction.on_commit(lambda: run_recomputation.enqueue(job.pk))
    return job


def run_recompute(job: Recomputation) -> Recomputation:
    """Recompute, recording how it ended; a job another worker has already taken is left alone."""
    if Recomputation.objects.filter(pk=job.pk, status=Recomputation.Status.QUEUED).update(
        status=Recomputation.Status.RUNNING
    ):
        try:
            outcome = {"status": Recomputation.Status.DONE, "total_count": recompute(job.organisation)}
        except ValidationError as refused:
            outcome = {"status": Recomputation.Status.FAILED, "message": " ".join(refused.messages)}
        except Exception:
            logger.exception("Recomputation %s failed", job.pk)
            outcome = {"status": Recomputation.Status.FAILED, "message": _("The recomputation failed unexpectedly.")}
        Recomputation.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **outcome)
    job.refresh_from_db()
    return job


# Computation ----------------------------------------------------------------------------------


def rules_for(organisation, settings: ConsumptionSettings) -> dict[str, dict[str, calculations.Rule]]:
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


def usd_per_sek_by_year(years, settings: ConsumptionSettings) -> dict[int, float | None]:
    """USD of the price year per SEK of each year; None for a year without an index (only spend needs it)."""
    conversions = {}
    for year in years:
        try:
            conversions[year] = conversion.usd_per_sek(year, settings)
        except ValidationError:
            conversions[year] = None
    return conversions


def apply_rules(aggregate: LedgerAggregate, rules, conversions: dict[int, float | None]) -> None:
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


def intensities(aggregates, supplier_spend: dict, key=lambda total: (total.year, total.account)) -> dict:
    """kg CO2e per SEK of supplier spend, per key of totals ((year, account), by default): how the suppliers
    share their accounts' emissions. A supplier's share is its part of the spend of the suppliers whose sum on
    the account is positive (``supplier_spend``); one whose credit notes outweigh its invoices gets none, so no
    supplier has negative emissions and the suppliers' emissions add up to the account's."""
    kg = defaultdict(float)
    for total in aggregates:
        kg[key(total)] += total.kg_co2e
    return {group: kg[group] / float(spend) for group, spend in supplier_spend.items() if spend > 0}


@transaction.atomic
def recompute(organisation) -> int:
    """Apply the current mappings, factors and conversion to every stored total; returns how many."""
    settings = locked_settings(organisation)
    rules = rules_for(organisation, settings)
    aggregates = list(LedgerAggregate.objects.filter(organisation=organisation))
    conversions = usd_per_sek_by_year({aggregate.year for aggregate in aggregates}, settings)
    for aggregate in aggregates:
        apply_rules(aggregate, rules, conversions)
    LedgerAggregate.objects.bulk_update(
        aggregates, ["mapping", "factor", "own_factor", "method", "usd_per_sek", "kg_co2e"], batch_size=1000
    )
    suppliers = SupplierAggregate.objects.filter(organisation=organisation)
    spend = (
        suppliers.filter(amount_sek__gt=0).values_list("ledger_import", "year", "account").annotate(Sum("amount_sek"))
    )
    by_import = intensities(
        aggregates,
        {(import_id, year, account): amount for import_id, year, account, amount in spend},
        key=lambda total: (total.ledger_import_id, total.year, total.account),
    )
    suppliers.filter(amount_sek__lte=0).update(kg_co2e=0.0)
    for (import_id, year, account), intensity in by_import.items():
        suppliers.filter(ledger_import_id=import_id, year=year, account=account, amount_sek__gt=0).update(
            kg_co2e=Cast("amount_sek", FloatField()) * Value(intensity)
        )
    return len(aggregates)


def locked_settings(organisation) -> ConsumptionSettings:
    """The organisation's settings, locked until the transaction ends: one import or recomputation at a time
    per organisation, so that one never decides on earlier imports while another is storing its own."""
    settings_for(organisation)
    return ConsumptionSettings.objects.select_for_update().get(organisation=organisation)
