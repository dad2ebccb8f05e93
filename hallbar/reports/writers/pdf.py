"""The report as PDF, through :class:`hallbar.core.pdf.PdfReport`; charts are vector drawings."""

from hallbar.core.pdf import PdfReport

from .. import charts
from .common import cell_text, chart_caption, chart_table


def write(content: dict, logo: bytes | None = None) -> bytes:
    report = PdfReport(content["title"], organisation=content["organisation"], subtitle=content["subtitle"])
    if logo:
        report.logo(logo)
    report.paragraph(content["audience_label"], muted=True)
    for section in content["sections"]:
        report.heading(section["title"])
        for block in section["blocks"]:
            _block(report, block)
    return report.render()


def _block(report: PdfReport, block: dict) -> None:
    kind = block["type"]
    if kind == "paragraph":
        report.paragraph(block["text"])
    elif kind == "heading":
        report.heading(block["text"], level=2)
    elif kind == "facts":
        report.facts((label, cell_text(value)) for label, value in block["rows"])
    elif kind == "table":
        rows = [[cell_text(cell) for cell in row] for row in block["rows"]]
        report.table(block["headers"], rows, widths=_widths(block["headers"], rows))
    elif kind == "chart":
        chart = block["chart"]
        report.heading(chart["title"], level=2)
        report.drawing(charts.layout(chart))
        headers, rows = chart_table(chart)
        report.paragraph(chart_caption(chart), muted=True)
        report.table(headers, [[cell_text(cell) for cell in row] for row in rows])


def _widths(headers, rows) -> list[int]:
    """Column weights from the longest word and the longest text of each column, so that words are not
    broken and long texts get room."""
    weights = []
    for index, header in enumerate(headers):
        texts = [str(header)] + [row[index] for row in rows]
        longest_word = max((len(word) for text in texts for word in text.split()), default=1)
        longest_text = max((len(text) for text in texts), default=1)
        weights.append(max(longest_word, min(longest_text, 40) // 2, 4))
    return weights
