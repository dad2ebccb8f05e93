"""The report as DOCX (python-docx). Each chart is an SVG picture (vector: Word 2016 and later show it)
with a PNG fallback rendered with Pillow for programs that cannot show SVG, followed by its table.

python-docx only embeds raster pictures, so the SVG is added the way Word itself stores it: the PNG is
the picture's ``a:blip`` and the SVG a second image part named by an ``asvg:svgBlip`` extension of it.
"""

import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Mm

from hallbar.core.drawing import to_png, to_svg

from .. import charts
from .common import cell_text, chart_caption, chart_table

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def write(content: dict, logo: bytes | None = None) -> bytes:
    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.comments = content["title"], content["organisation"], "Hållbar"
    if logo:
        document.add_picture(io.BytesIO(logo), height=Mm(14))
    document.add_paragraph(content["organisation"])
    document.add_heading(content["title"], level=0)
    document.add_paragraph(content["subtitle"])
    document.add_paragraph(content["audience_label"])
    writer = _Writer(document)
    for section in content["sections"]:
        document.add_heading(section["title"], level=1)
        for block in section["blocks"]:
            writer.block(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, document):
        self.document = document
        self.charts = 0

    def block(self, block: dict) -> None:
        kind = block["type"]
        if kind == "paragraph":
            self.document.add_paragraph(block["text"])
        elif kind == "heading":
            self.document.add_heading(block["text"], level=2)
        elif kind == "facts":
            self.table(None, [[label, cell_text(value)] for label, value in block["rows"]])
        elif kind == "table":
            self.table(block["headers"], [[cell_text(cell) for cell in row] for row in block["rows"]])
        elif kind == "chart":
            chart = block["chart"]
            self.document.add_heading(chart["title"], level=2)
            self.chart(chart)
            headers, rows = chart_table(chart)
            self.document.add_paragraph(chart_caption(chart))
            self.table(headers, [[cell_text(cell) for cell in row] for row in rows])

    def table(self, headers, rows) -> None:
        if not rows:
            return
        width = len(headers) if headers else len(rows[0])
        table = self.document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        if headers:
            cells = table.add_row().cells
            for cell, text in zip(cells, headers, strict=True):
                cell.text = str(text)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            _repeat_as_header(table.rows[0])
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
        self.document.add_paragraph()

    def chart(self, chart: dict) -> None:
        drawing = charts.layout(chart)
        self.charts += 1
        self.document.add_picture(io.BytesIO(to_png(drawing)), width=Mm(drawing.width))
        inline = self.document.paragraphs[-1].runs[-1]._r.xpath(".//wp:inline")[0]
        inline.docPr.set("descr", chart_caption(chart))
        part = self.document.part
        svg = Part(
            PackURI(f"/word/media/chart{self.charts}.svg"),
            "image/svg+xml",
            to_svg(drawing).encode(),
            part.package,
        )
        relation = part.relate_to(svg, RELATIONSHIP_TYPE.IMAGE)
        blip = inline.xpath(".//a:blip")[0]
        blip.append(
            parse_xml(
                f'<a:extLst {NAMESPACES}><a:ext uri="{SVG_EXTENSION}">'
                f'<asvg:svgBlip r:embed="{relation}"/></a:ext></a:extLst>'
            )
        )


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(
        parse_xml('<w:tblHeader xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    )
