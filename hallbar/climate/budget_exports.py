"""The climate budget as an attachment to the budget document: XLSX (one sheet per part) and PDF.

Both carry the same tables, built once by :func:`tables`: the ceilings per year with the needed and
planned reductions and the gap, the allocation per unit, the measures with effect, cost and funding,
and the follow-up. Every table names its unit; the title block names the preset and the releases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import FileResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hallbar.core.numbers import measure as show
from hallbar.core.pdf import PdfReport, pdf_response
from hallbar.imports.exports import XlsxBook

from .budget_queries import BudgetPage


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]  # numbers stay numbers (XLSX); the PDF shows them as people read them
    plain: tuple[int, ...] = (0,)  # columns shown as they are (years, names), not as grouped numbers
    widths: tuple[int, ...] | None = None  # relative column widths in the PDF
    pdf_shape: object = None  # a function giving the narrower table the PDF shows instead


def _r(value):
    return None if value is None else round(value, 1)


def facts(page: BudgetPage) -> list[tuple[str, str]]:
    budget, figures = page.budget, page.figures
    rows = [
        (_("Budget year"), str(budget.budget_year)),
        (_("Plan years"), f"{budget.years[1]}–{budget.years[-1]}" if budget.plan_years else "–"),
        (_("Status"), str(budget.get_status_display())),
        (_("Carbon-budget method"), figures.method),
        (_("Ceilings and trend from"), figures.method_release),
        (_("Sector shares and outcomes from"), figures.sector_release or "–"),
    ]
    if figures.municipality:
        rows.insert(0, (_("Municipality"), figures.municipality))
    if budget.adopted_at:
        rows.append((_("Adopted"), budget.adopted_at.date().isoformat()))
    return rows


def tables(page: BudgetPage) -> list[Table]:
    unit = page.figures.unit
    years = page.figures.years
    t = f" ({unit})"
    ceilings = Table(
        _("Ceilings and reductions"),
        [
            _("Year"),
            _("Ceiling") + t,
            _("Trend") + t,
            _("Needed reduction") + t,
            _("Planned reduction") + t,
            _("Remaining gap") + t,
        ],
        [
            [r.year, _r(r.ceiling_t), _r(r.trend_t), _r(r.needed_t), _r(r.planned_t), _r(r.gap_t)]
            for r in page.year_sums
        ],
    )
    allocation = Table(
        _("Allocation per unit"),
        [_("Unit"), _("Sectors"), *[_("Ceiling %(year)s") % {"year": year} + t for year in years]],
        [
            [row.unit.name if row.unit else _("Not allocated"), ", ".join(row.sectors), *[_r(v) for v in row.ceilings]]
            for row in page.unit_rows
            if row.ceilings
        ],
    )
    measures = Table(
        _("Measures"),
        [
            _("Unit"),
            _("Measure"),
            _("Sector"),
            _("Effect (t CO2e per year)"),
            _("Cost (SEK)"),
            _("Funding (SEK)"),
            _("Source of funding"),
            _("Start year"),
            _("Lifetime (years)"),
            _("Cost per tonne (SEK per t CO2e)"),
        ],
        [
            [
                m.unit.name,
                m.title,
                str(m.get_sector_display()),
                m.effect_t,
                m.cost_sek,
                m.funding_sek,
                m.funding_source,
                m.start_year,
                m.lifetime_years,
                None if m.cost_per_tonne is None else round(m.cost_per_tonne),
            ]
            for m in page.measures
        ],
        plain=(0, 1, 2, 6, 7),
        pdf_shape=_narrow_measures,
    )
    follow_up = Table(
        _("Follow-up"),
        [
            _("Year"),
            _("Ceiling") + t,
            _("Outcome") + t,
            _("Outcome − ceiling") + t,
            _("Planned effect (t CO2e)"),
            _("Reported effect (t CO2e)"),
        ],
        [
            [r.year, _r(r.ceiling_t), _r(r.outcome_t), _r(r.difference_t), _r(r.planned_t), _r(r.reported_t)]
            for r in page.follow_up
        ],
    )
    return [ceilings, allocation, measures, follow_up]


def _narrow_measures(table: Table) -> Table:
    """The measures on a portrait page: funding with its source, and the years the effect lasts."""
    headers = table.headers
    rows = [
        [
            unit,
            title,
            sector,
            _cell(effect),
            _cell(cost),
            f"{_cell(funding)} ({source})" if source else _cell(funding),
            f"{start}–{start + lifetime - 1}",
            _cell(per_tonne),
        ]
        for unit, title, sector, effect, cost, funding, source, start, lifetime, per_tonne in table.rows
    ]
    return Table(
        table.title,
        [*headers[:5], headers[5], _("Years with effect"), headers[9]],
        rows,
        plain=tuple(range(8)),
        widths=(5, 7, 5, 4, 5, 6, 5, 4),
    )


def filename(page: BudgetPage) -> str:
    return slugify(f"{page.budget.title}-{page.budget.budget_year}") or "climate-budget"


def xlsx_response(page: BudgetPage) -> FileResponse:
    book = XlsxBook()
    about = book.sheet(_("About"), widths=(32, 60))
    about.write_string(0, 0, page.budget.title, book.workbook.add_format({"bold": True, "font_size": 14}))
    for index, (label, value) in enumerate(facts(page), start=2):
        book.write_row(about, index, [str(label), str(value)])
    if page.figures.problem:
        about.write_string(len(facts(page)) + 3, 0, page.figures.problem)
    for table in tables(page):
        sheet = book.sheet(table.title, table.headers, [18] * len(table.headers))
        for row_index, row in enumerate(table.rows, start=1):
            book.write_row(sheet, row_index, row)
    return book.response(f"{filename(page)}.xlsx")


def _cell(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return show(value)
    return str(value)


def pdf_report(page: BudgetPage) -> PdfReport:
    report = PdfReport(
        page.budget.title,
        organisation=str(page.budget.organisation),
        subtitle=_("Climate budget %(year)s") % {"year": page.budget.budget_year},
    )
    report.facts(facts(page))
    if page.figures.problem:
        report.paragraph(page.figures.problem)
    report.paragraph(
        _(
            "Ceilings follow the reduction path of the municipality's carbon budget. A sector's part of a ceiling "
            "follows its share of the municipality's emissions in %(year)s; a unit's ceiling is the sum of the sector "
            "parts it answers for. Remaining gap = trend − ceiling − planned reductions."
        )
        % {"year": page.figures.shares_year or "–"},
        muted=True,
    )
    for table in tables(page):
        if table.pdf_shape is not None:
            table = table.pdf_shape(table)
        report.heading(table.title, level=2)
        rows = [[str(v) if i in table.plain else _cell(v) for i, v in enumerate(row)] for row in table.rows]
        report.table(table.headers, rows, widths=table.widths, empty=_("None."))
    return report


def pdf_response_for(page: BudgetPage):
    return pdf_response(pdf_report(page), f"{filename(page)}.pdf")
