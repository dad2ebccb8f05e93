"""Numbers as people read them: the active language's decimal mark and digit grouping.

Pages show hundreds of numbers (tables, chart data), so formatting reads the language's separators
once per call site (:func:`separators`) and builds the text itself instead of going through
``django.utils.formats.number_format`` for every cell.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from django.utils.formats import get_format
from django.utils.translation import get_language

NO_VALUE = "–"


def separators() -> tuple[str, str]:
    """(decimal mark, thousands separator) of the active language, e.g. (",", "\xa0") in Swedish."""
    return _separators(get_language())


@cache
def _separators(language: str | None) -> tuple[str, str]:
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


def decimals_for(number: float) -> int:
    """Enough decimals to read a value: none from 1 000, one from 100, two from 1, otherwise three."""
    size = abs(number)
    if size >= 1000:
        return 0
    if size >= 100:
        return 1
    if size >= 1:
        return 2
    return 3


def rounded(value, places: int) -> str:
    """``value`` as plain text with ``places`` decimals, rounded half away from zero on the exact
    value (as the browser's ``Intl.NumberFormat`` does, so tables and chart tooltips agree)."""
    number = value if isinstance(value, Decimal) else Decimal(value)
    try:
        return f"{number.quantize(_QUANTA[places], rounding=ROUND_HALF_UP):f}"
    except (InvalidOperation, IndexError):  # beyond 28 significant digits, or absurd precision
        return f"{float(value):.{places}f}"


_QUANTA = [Decimal(1).scaleb(-places) for places in range(16)]


def format_fixed(text: str, marks: tuple[str, str], group: bool = True) -> str:
    """Plain ``-1234.5`` text (as ``f"{x:.1f}"`` makes it) in the language's notation, grouped by
    thousands when ``group`` (as the browser's ``Intl.NumberFormat`` does, so tables and charts agree)."""
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    if group and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = marks[1].join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    if sign and set(whole + fraction) <= {"0"}:
        sign = ""  # never "-0"
    return f"{sign}{whole}{marks[0]}{fraction}" if fraction else f"{sign}{whole}"


def measure(value, max_decimals: int | None = None, marks: tuple[str, str] | None = None) -> str:
    """A measured value, e.g. 4,5 in Swedish and 4.5 in English; trailing zeros are dropped.

    Up to ``max_decimals`` decimals (default: by size, see :func:`decimals_for`); a missing value is a
    dash. Pass ``marks`` (from :func:`separators`) when formatting many numbers.
    """
    if value is None or value == "":
        return NO_VALUE
    number = float(value) if not isinstance(value, Decimal) else value
    if max_decimals is None:
        max_decimals = decimals_for(number)
    text = rounded(number, max_decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return format_fixed(text, marks or separators())
