"""What the three writers share: how a cell reads, and a chart's table."""

from django.utils.translation import gettext as _

from hallbar.core import numbers

from .. import charts


def cell_text(value) -> str:
    """A cell as people read it: numbers in the active language's notation, a dash for no value."""
    if value is None or isinstance(value, int | float) and not isinstance(value, bool):
        return numbers.measure(value)
    return str(value)


def chart_table(chart: dict) -> tuple[list[str], list[list]]:
    headers, rows = charts.table_of(chart)
    headers[0] = headers[0] or _("Period")
    return headers, rows


def chart_caption(chart: dict) -> str:
    return _("The numbers of the chart “%(title)s”") % {"title": chart["title"]}
