"""Columns of the all-municipality budget export (page, ``climate_budgets`` command and the reproducible
file in docs/methods/). Figures are rounded here, once, so the CSV reads the same on every machine:
tonnes to 0.1 t, percentages to 0.0001 percentage points."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn, csv_response

from .models import BudgetMethod


def _rounded(attribute: str, places: int):
    def value(row):
        number = getattr(row, attribute)
        return None if number is None else round(number, places)

    return value


RESULT_COLUMNS = [
    ExportColumn(gettext_lazy("municipality code"), "code", width=10),
    ExportColumn(gettext_lazy("municipality"), "name", width=24),
    ExportColumn(gettext_lazy("county"), "county", width=22),
    ExportColumn(gettext_lazy("share (%)"), _rounded("share_percent", 4), "number", 10),
    ExportColumn(gettext_lazy("budget (t CO2)"), _rounded("budget_t", 1), "number", 14),
    ExportColumn(gettext_lazy("emission in the start year, E0 (t CO2)"), _rounded("start_emission_t", 1), "number", 14),
    ExportColumn(gettext_lazy("emitted since the start (t CO2)"), _rounded("emitted_t", 1), "number", 14),
    ExportColumn(gettext_lazy("remaining (t CO2)"), _rounded("remaining_t", 1), "number", 14),
    ExportColumn(gettext_lazy("needed reduction (% per year)"), _rounded("reduction_percent", 4), "number", 12),
    ExportColumn(gettext_lazy("budget runs out (on the trend)"), "runs_out", "date", 14),
    ExportColumn(gettext_lazy("trend reaches zero (year)"), "trend_zero_year", "number", 10),
]


def result_columns(method: BudgetMethod, current_year: int) -> list[ExportColumn]:
    """The figures and, on every row, where they come from: preset, version, release and year."""
    preset = method.name
    return [
        *RESULT_COLUMNS,
        ExportColumn(gettext_lazy("preset"), lambda row: preset, width=30),
        ExportColumn(gettext_lazy("preset version"), lambda row: method.version, "number", 8),
        ExportColumn(gettext_lazy("emission release"), lambda row: method.release.key, width=22),
        ExportColumn(gettext_lazy("calculated for year"), lambda row: current_year, "number", 8),
    ]


def results_filename(method: BudgetMethod, current_year: int) -> str:
    return f"carbon-budgets-{method.key}-v{method.version}-{current_year}"


def results_csv(results) -> bytes:
    """The same CSV as the page's export, as bytes (for the command and the reproducibility test)."""
    response = csv_response("results", result_columns(results.method, results.current_year), results.rows)
    return b"".join(response.streaming_content)
