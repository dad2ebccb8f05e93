"""Columns of the footprint lists' Excel and CSV exports."""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn

TOTAL_COLUMNS = [
    ExportColumn(gettext_lazy("year"), "year", "number", 8),
    ExportColumn(gettext_lazy("unit"), "unit.name", width=28),
    ExportColumn(gettext_lazy("account"), "account", width=10),
    ExportColumn(gettext_lazy("category"), "category", width=12),
    ExportColumn(gettext_lazy("rows"), "row_count", "number", 10),
    ExportColumn(gettext_lazy("amount (SEK)"), "amount_sek", "number", 16),
    ExportColumn(gettext_lazy("quantity"), "quantity", "number", 12),
    ExportColumn(gettext_lazy("quantity unit"), "quantity_unit", width=12),
    ExportColumn(gettext_lazy("method"), "get_method_display", width=16),
    ExportColumn(gettext_lazy("mapping"), lambda row: str(row.mapping) if row.mapping_id else "", width=30),
    ExportColumn(gettext_lazy("factor"), lambda row: str(row.factor) if row.factor_id else "", width=40),
    ExportColumn(gettext_lazy("own factor used instead"), lambda row: row.own_factor.name if row.own_factor_id else ""),
    ExportColumn(gettext_lazy("factor source"), "factor_source", width=40),
    ExportColumn(gettext_lazy("kg CO2e per unit"), "kg_per_unit", "number", 12),
    ExportColumn(gettext_lazy("USD (price year) per SEK"), "usd_per_sek", "number", 12),
    ExportColumn(gettext_lazy("kg CO2e"), "kg_co2e", "number", 14),
    ExportColumn(gettext_lazy("import"), "ledger_import.original_filename", width=30),
]

MAPPING_COLUMNS = [
    ExportColumn(gettext_lazy("applies to"), "get_kind_display", width=16),
    ExportColumn(gettext_lazy("code or leading digits"), "prefix", width=12),
    ExportColumn(gettext_lazy("name"), "name", width=36),
    ExportColumn(gettext_lazy("spend factor"), "spend_factor", width=40),
    ExportColumn(gettext_lazy("kg CO2e per USD"), "spend_factor.kg_co2e_per_unit", "number", 12),
    ExportColumn(gettext_lazy("activity factor"), "activity_factor", width=40),
    ExportColumn(
        gettext_lazy("own factor used instead"),
        lambda row: row.own_activity_factor.name if getattr(row, "own_activity_factor", None) else "",
        width=30,
    ),
    ExportColumn(gettext_lazy("default"), "is_default", width=8),
]

IMPORT_COLUMNS = [
    ExportColumn(gettext_lazy("file name"), "original_filename", width=36),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=14),
    ExportColumn(gettext_lazy("rows"), "row_count", "number", 12),
    ExportColumn(gettext_lazy("credit notes"), "credit_count", "number", 12),
    ExportColumn(gettext_lazy("amount (SEK)"), "amount_sek", "number", 16),
    ExportColumn(gettext_lazy("first date"), "period_start", "date", 12),
    ExportColumn(gettext_lazy("last date"), "period_end", "date", 12),
    ExportColumn(gettext_lazy("errors"), "error_count", "number", 10),
    ExportColumn(gettext_lazy("uploaded"), "created_at", "datetime", 18),
]

SUPPLIER_COLUMNS = [
    ExportColumn(gettext_lazy("supplier organisation number"), lambda row: row["org_number"], width=16),
    ExportColumn(gettext_lazy("supplier"), lambda row: row["name"], width=36),
    ExportColumn(gettext_lazy("rows"), lambda row: row["rows"], "number", 10),
    ExportColumn(gettext_lazy("amount (SEK)"), lambda row: row["amount"], "number", 16),
    ExportColumn(gettext_lazy("tonnes CO2e"), lambda row: row["tonnes"], "number", 12),
]
