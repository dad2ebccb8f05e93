"""Vector drawings (charts in reports) as plain shapes, written as SVG, as PNG or into a PDF.

A :class:`Drawing` is a width and height in millimetres and a list of shapes in that coordinate
system (origin top left). It knows nothing about charts: ``hallbar.reports.charts`` lays a chart out
into shapes; :meth:`hallbar.core.pdf.PdfReport.drawing` draws them as PDF vector paths, :func:`to_svg`
writes SVG (for Word) and :func:`to_png` a raster fallback with Pillow (for programs without SVG).
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]  # a polyline
    colour: Colour = (0, 0, 0)
    width: float = 0.3
    dash: float = 0  # dash length in mm; 0 = solid


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Colour = (0, 0, 0)


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 7  # points
    anchor: str = "start"  # start, middle, end
    colour: Colour = (0, 0, 0)


@dataclass
class Drawing:
    width: float  # mm
    height: float  # mm
    title: str = ""
    shapes: list = field(default_factory=list)


def _rgb(colour: Colour) -> str:
    return "#%02x%02x%02x" % colour


def to_svg(drawing: Drawing) -> str:
    """The drawing as an SVG document (millimetre user units, text in a sans-serif font)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawing.width}mm" height="{drawing.height}mm" '
        f'viewBox="0 0 {drawing.width} {drawing.height}" role="img">',
        f"<title>{escape(drawing.title)}</title>",
    ]
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            parts.append(
                f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.w:.2f}" height="{shape.h:.2f}" '
                f'fill="{_rgb(shape.fill)}"/>'
            )
        elif isinstance(shape, Line):
            points = " ".join(f"{x:.2f},{y:.2f}" for x, y in shape.points)
            dash = f' stroke-dasharray="{shape.dash} {shape.dash}"' if shape.dash else ""
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{_rgb(shape.colour)}" '
                f'stroke-width="{shape.width}"{dash}/>'
            )
        elif isinstance(shape, Text):
            size = shape.size * 0.3528  # points to mm
            parts.append(
                f'<text x="{shape.x:.2f}" y="{shape.y:.2f}" font-size="{size:.2f}" font-family="DejaVu Sans, Arial, '
                f'sans-serif" text-anchor="{shape.anchor}" fill="{_rgb(shape.colour)}">{escape(shape.text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def to_png(drawing: Drawing, dpi: int = 200) -> bytes:
    """The drawing rasterised with Pillow: the fallback image for programs that cannot show SVG."""
    from PIL import Image, ImageDraw, ImageFont

    from .pdf import FONT_DIR

    scale = dpi / 25.4
    image = Image.new("RGB", (round(drawing.width * scale), round(drawing.height * scale)), "white")
    pen = ImageDraw.Draw(image)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            box = [shape.x * scale, shape.y * scale, (shape.x + shape.w) * scale, (shape.y + shape.h) * scale]
            pen.rectangle(box, fill=shape.fill)
        elif isinstance(shape, Line):
            points = [(x * scale, y * scale) for x, y in shape.points]
            width = max(1, round(shape.width * scale))
            for piece in _dashed(points, shape.dash * scale) if shape.dash else [points]:
                pen.line(piece, fill=shape.colour, width=width)
        elif isinstance(shape, Text):
            size = round(shape.size * dpi / 72)
            if size not in fonts:
                fonts[size] = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            pen.text((shape.x * scale, shape.y * scale), shape.text, fill=shape.colour, font=fonts[size], anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _dashed(points: list[tuple[float, float]], dash: float) -> list[list[tuple[float, float]]]:
    """The polyline cut into dashes of ``dash`` length with gaps of the same length (Pillow has no dashes)."""
    pieces, drawing, left, current = [], True, dash, [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        done = 0.0
        while length - done > left:
            done += left
            point = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
            if drawing:
                pieces.append([*current, point])
            current, drawing, left = [point], not drawing, dash
        left -= length - done
        current.append((x1, y1))
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces
