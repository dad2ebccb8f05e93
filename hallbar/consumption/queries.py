"""Read models of the footprint pages and the API: totals by year, unit, category, account, supplier."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet, Sum

from hallbar.procurement import queries as procurement_queries

from . import calculations
from .models import AccountMapping, LedgerAggregate, LedgerImport, OwnFactor, SupplierAggregate

TOP = 15


@dataclass
class Filters:
    year: int | None = None
    unit: object = None  # an OrganisationUnit: its subtree


def totals(scope, filters: Filters | None = None) -> QuerySet:
    """The stored totals the user may see, narrowed by the filters (a unit includes its subtree)."""
    filters = filters or Filters()
    rows = scope.in_focus(scope.filter(LedgerAggregate.objects.all()))
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.unit is not None:
        rows = rows.filter(unit__path__startswith=filters.unit.path)
    return rows


def listed(rows: QuerySet) -> QuerySet:
    return rows.select_related("unit", "mapping", "factor__factor_set", "own_factor", "ledger_import")


def _grouped(rows: QuerySet, *fields, limit=None) -> list[dict]:
    grouped = (
        rows.values(*fields)
        .annotate(kg=Sum("kg_co2e"), amount=Sum("amount_sek"), rows=Sum("row_count"))
        .order_by("-kg", *fields)
    )
    result = list(grouped[:limit] if limit else grouped)
    for row in result:
        row["tonnes"] = (row["kg"] or 0) / 1000
    return result


@dataclass
class Footprint:
    tonnes: float
    amount: object
    rows: int
    by_year: list[dict]
    by_unit: list[dict]
    by_category: list[dict]
    by_method: list[dict]
    hotspots: list[dict]
    suppliers: list[dict]
    unmapped: list[dict]


def unit_chosen(scope, filters: Filters) -> bool:
    """Is the footprint narrowed to a unit, by the unit filter or the unit switcher (``scope.focus``)?
    Supplier totals are the whole organisation's, not per unit: they are left out then."""
    return filters.unit is not None or scope.focus is not None


def footprint(scope, filters: Filters) -> Footprint:
    """The figures of the overview. The suppliers are empty when a unit is chosen (``unit_chosen``)."""
    rows = totals(scope, filters)
    overall = rows.aggregate(kg=Sum("kg_co2e"), amount=Sum("amount_sek"), rows=Sum("row_count"))
    by_year = _grouped(totals(scope, Filters(unit=filters.unit)), "year")
    by_year.sort(key=lambda row: row["year"])
    for previous, row in zip([None, *by_year], by_year, strict=False):
        row["change"] = (row["tonnes"] - previous["tonnes"]) if previous else None
    suppliers = scope.filter(SupplierAggregate.objects.all())
    if filters.year:
        suppliers = suppliers.filter(year=filters.year)
    return Footprint(
        tonnes=(overall["kg"] or 0) / 1000,
        amount=overall["amount"] or 0,
        rows=overall["rows"] or 0,
        by_year=by_year,
        by_unit=_grouped(rows, "unit_id", "unit__name"),
        by_category=_grouped(
            rows.exclude(method="unmapped"),
            "mapping_id",
            "mapping__prefix",
            "mapping__name",
            "factor__code",
            "factor__name",
            "factor__factor_set__name",
            "own_factor_id",
            "own_factor__name",
            "own_factor__kg_co2e_per_unit",
            "own_factor__source",
            "own_factor__year",
        ),
        by_method=_grouped(rows, "method"),
        hotspots=_grouped(
            rows.exclude(method="unmapped"), "unit_id", "unit__name", "mapping_id", "mapping__name", limit=TOP
        ),
        suppliers=[] if unit_chosen(scope, filters) else supplier_totals(suppliers)[:TOP],
        unmapped=list(unmapped_spend(rows)),
    )


def supplier_totals(rows: QuerySet) -> list[dict]:
    """Suppliers by emissions (kg CO2e from their accounts' intensity), largest first."""
    grouped = (
        rows.values("org_number")
        .annotate(name=Max("name"), kg=Sum("kg_co2e"), amount=Sum("amount_sek"), rows=Sum("row_count"))
        .order_by("-kg", "org_number")
    )
    result = list(grouped)
    for row in result:
        row["tonnes"] = (row["kg"] or 0) / 1000
    return result


def unmapped_spend(rows: QuerySet) -> QuerySet:
    """Accounts without a mapping with their spend and line count, largest spend first."""
    return (
        rows.filter(method="unmapped")
        .values("account")
        .annotate(amount=Sum("amount_sek"), rows=Sum("row_count"))
        .order_by("-amount", "account")
    )


def years(scope) -> list[int]:
    return sorted(set(scope.filter(LedgerAggregate.objects.all()).values_list("year", flat=True)), reverse=True)


def imports(scope) -> QuerySet:
    return scope.filter(LedgerImport.objects.all()).select_related("uploaded_by")


def mappings(scope, search: str = "") -> QuerySet:
    rows = scope.filter(AccountMapping.objects.all()).select_related(
        "spend_factor__factor_set", "activity_factor__factor_set"
    )
    if search:
        rows = rows.filter(Q(prefix__startswith=search) | Q(name__icontains=search))
    return rows


def own_factors(scope, organisation_id: int) -> QuerySet:
    """The organisation's own activity factors with the shipped factors they replace."""
    return scope.filter(OwnFactor.objects.filter(organisation_id=organisation_id)).select_related(
        "replaces__factor_set"
    )


def with_own_factors(mappings, own: QuerySet) -> list:
    """The mappings, each with ``own_activity_factor``: the own factor used instead of its activity factor."""
    replacing = {factor.replaces_id: factor for factor in own}
    mappings = list(mappings)
    for mapping in mappings:
        mapping.own_activity_factor = replacing.get(mapping.activity_factor_id)
    return mappings


def climate_coverage(scope, organisation_id: int, filters: Filters) -> list[calculations.CoverageRow]:
    """How much of the spend and emissions sits with suppliers under procurements with climate
    requirements, per year and buying unit (``calculations.climate_coverage`` is the rule). The
    supplier totals are the organisation's, not per ledger unit: nothing when a unit is chosen in the
    filter or the unit switcher (``unit_chosen``). Three queries."""
    if unit_chosen(scope, filters):
        return []
    rows = scope.filter(SupplierAggregate.objects.filter(organisation_id=organisation_id))
    if filters.year:
        rows = rows.filter(year=filters.year)
    year_totals = {
        row["year"]: (row["amount"] or 0, row["kg"] or 0.0)
        for row in rows.order_by().values("year").annotate(amount=Sum("amount_sek"), kg=Sum("kg_co2e"))
    }
    contracts = procurement_queries.climate_contracts(organisation_id)
    numbers = {contract.org_number for contract in contracts}
    covered = (
        rows.filter(org_number__in=numbers)
        .order_by()
        .values_list("year", "org_number")
        .annotate(amount=Sum("amount_sek"), kg=Sum("kg_co2e"))
    )
    return calculations.climate_coverage(covered, year_totals, contracts)
