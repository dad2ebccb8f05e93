"""The columns of the procurement lists' Excel and CSV exports (``?export=xlsx|csv``)."""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn


def _unit(unit):
    return unit.name if unit is not None else gettext_lazy("The whole organisation")


def _yes(value: bool):
    return gettext_lazy("yes") if value else ""


PROCUREMENT_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("case number"), "reference", width=16),
    ExportColumn(gettext_lazy("buying unit"), lambda row: _unit(row.responsible_unit), width=28),
    ExportColumn(gettext_lazy("year"), "year", "number", 8),
    ExportColumn(gettext_lazy("procedure"), "get_procedure_display", width=24),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=16),
    ExportColumn(gettext_lazy("CPV codes"), lambda row: ", ".join(code.code for code in row.cpv_codes.all()), width=24),
    ExportColumn(gettext_lazy("estimated value (SEK)"), "estimated_value_sek", "number", 16),
    ExportColumn(gettext_lazy("contracted value (SEK)"), "contracted_value_sek", "number", 16),
    ExportColumn(gettext_lazy("contract start"), "contract_start", "date", 12),
    ExportColumn(gettext_lazy("contract end"), "contract_end", "date", 12),
    ExportColumn(
        gettext_lazy("environmental requirements"), lambda row: _yes(row.environmental_requirements), width=12
    ),
    ExportColumn(gettext_lazy("social requirements"), lambda row: _yes(row.social_requirements), width=12),
    ExportColumn(gettext_lazy("innovation procurement"), lambda row: _yes(row.innovation), width=12),
    ExportColumn(gettext_lazy("criteria used"), lambda row: "; ".join(str(c) for c in row.criteria.all()), width=50),
    ExportColumn(
        gettext_lazy("contracted suppliers"), lambda row: "; ".join(str(s) for s in row.suppliers.all()), width=50
    ),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

SHARE_COLUMNS = [
    ExportColumn(gettext_lazy("year"), "year", "number", 8),
    ExportColumn(
        gettext_lazy("buying unit"),
        lambda row: gettext_lazy("All units") if row.is_total else (row.unit_name or _unit(None)),
        width=30,
    ),
    ExportColumn(gettext_lazy("procurements"), "count", "number", 12),
    ExportColumn(gettext_lazy("with environmental requirements (%)"), "environmental_count_share", "number", 14),
    ExportColumn(gettext_lazy("with social requirements (%)"), "social_count_share", "number", 14),
    ExportColumn(gettext_lazy("innovation procurements (%)"), "innovation_count_share", "number", 14),
    ExportColumn(gettext_lazy("value (SEK)"), "value", "number", 16),
    ExportColumn(gettext_lazy("value with environmental requirements (%)"), "environmental_value_share", "number", 14),
    ExportColumn(gettext_lazy("value with social requirements (%)"), "social_value_share", "number", 14),
    ExportColumn(gettext_lazy("value in innovation procurements (%)"), "innovation_value_share", "number", 14),
]

CPV_COLUMNS = [
    ExportColumn(gettext_lazy("CPV code"), "code", width=12),
    ExportColumn(gettext_lazy("level"), "level", "number", 8),
    ExportColumn(gettext_lazy("label (Swedish)"), "label_sv", width=60),
    ExportColumn(gettext_lazy("label (English)"), "label_en", width=60),
]

CRITERION_COLUMNS = [
    ExportColumn(gettext_lazy("key"), "key", width=28),
    ExportColumn(gettext_lazy("kind of requirement"), "get_kind_display", width=16),
    ExportColumn(gettext_lazy("theme"), "get_theme_display", width=18),
    ExportColumn(gettext_lazy("level"), "get_level_display", width=12),
    ExportColumn(gettext_lazy("title"), "title", width=50),
    ExportColumn(gettext_lazy("text"), "text", width=80),
    ExportColumn(gettext_lazy("library version"), "version", "number", 10),
]

CHECK_COLUMNS = [
    ExportColumn(gettext_lazy("procurement"), "procurement.title", width=40),
    ExportColumn(gettext_lazy("buying unit"), lambda row: _unit(row.procurement.responsible_unit), width=28),
    ExportColumn(gettext_lazy("requirement"), "requirement", width=40),
    ExportColumn(gettext_lazy("criterion"), lambda row: str(row.criterion) if row.criterion_id else "", width=40),
    ExportColumn(gettext_lazy("method"), "get_method_display", width=22),
    ExportColumn(gettext_lazy("planned date"), "due_date", "date", 12),
    ExportColumn(gettext_lazy("outcome"), "get_outcome_display", width=16),
    ExportColumn(gettext_lazy("checked on"), "checked_on", "date", 12),
    ExportColumn(gettext_lazy("findings"), "findings", width=50),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

COMPARISON_COLUMNS = [
    ExportColumn(gettext_lazy("buyers"), "label", width=40),
    ExportColumn(gettext_lazy("number of buyers"), "buyers", "number", 10),
    ExportColumn(gettext_lazy("procurements"), "procurements", "number", 12),
    ExportColumn(gettext_lazy("with environmental requirements (%)"), "environmental_share", "number", 14),
    ExportColumn(gettext_lazy("with social requirements (%)"), "social_share", "number", 14),
    ExportColumn(gettext_lazy("innovation procurements (%)"), "innovation_share", "number", 14),
]
