"""Read models of the footprint pages and the API: totals by year, unit, category, account, supplier."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet, Sum

from .models import AccountMapping, LedgerAggregate, LedgerImport, SupplierAggregate

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
    return rows.select_related("unit", "mapping", "factor__factor_set", "ledger_import")


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


def footprint(scope, filters: Filters) -> Footprint:
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
        ),
        by_method=_grouped(rows, "method"),
        hotspots=_grouped(
            rows.exclude(method="unmapped"), "unit_id", "unit__name", "mapping_id", "mapping__name", limit=TOP
        ),
        suppliers=supplier_totals(suppliers)[:TOP] if filters.unit is None else [],  # suppliers are not per unit
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
