"""Reporting periods: a year, optionally divided into tertials, quarters or months.

A value's period is stored as (year, number) where number 0 means the whole year and 1..n the
n-th tertial, quarter or month. Trend calculations use yearly values; for sub-year indicators the
year's latest period stands for the year (see ``yearly_series``). A report or reporting round covers a
:class:`Period`; which of an indicator's periods it asks for is :meth:`Period.reported_by`.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Frequency(models.TextChoices):
    YEARLY = "yearly", gettext_lazy("Yearly")
    TERTIAL = "tertial", gettext_lazy("Per tertial")
    QUARTERLY = "quarterly", gettext_lazy("Quarterly")
    MONTHLY = "monthly", gettext_lazy("Monthly")


PERIODS_PER_YEAR = {
    Frequency.YEARLY: 0,
    Frequency.TERTIAL: 3,
    Frequency.QUARTERLY: 4,
    Frequency.MONTHLY: 12,
}


def valid_periods(frequency: str) -> range:
    count = PERIODS_PER_YEAR[Frequency(frequency)]
    return range(0, 1) if count == 0 else range(1, count + 1)


@dataclass(frozen=True)
class Period:
    """A period a report or reporting round covers: a year (``number`` 0) or one of its tertials or quarters."""

    year: int
    frequency: str = Frequency.YEARLY
    number: int = 0

    @property
    def label(self) -> str:
        return period_label(self.year, self.number, self.frequency)

    def reported_by(self, frequency: str) -> int | None:
        """The period number an indicator of ``frequency`` reports for this period, or None.

        A yearly indicator reports its value (perhaps preliminary) for the year. A sub-year indicator
        reports the last of its periods that has ended when this period ends: T2 (January–August) asks a
        quarterly indicator for Q2 and a monthly one for August; Q1 asks a tertial indicator for nothing
        (None), since no tertial has ended.
        """
        if frequency == Frequency.YEARLY:
            return 0
        periods = len(valid_periods(frequency))
        last_month = 12 if self.number == 0 else self.number * 12 // len(valid_periods(self.frequency))
        return last_month * periods // 12 or None

    def holds(self, year: int, period: int, frequency: str) -> bool:
        """Whether an indicator's value of ``year`` and ``period`` had ended by the end of this period."""
        if year != self.year:
            return year < self.year
        reported = self.reported_by(frequency)
        return reported is not None and period <= reported


def period_name(number: int, frequency: str) -> str:
    """A period within the year, for choosing it: "Tertial 2", "Quarter 1", "March"."""
    if number == 0:
        return _("The whole year")
    if frequency == Frequency.TERTIAL:
        return _("Tertial %(number)s") % {"number": number}
    if frequency == Frequency.QUARTERLY:
        return _("Quarter %(number)s") % {"number": number}
    return capfirst(date_format(date(2000, number, 1), "F"))


def period_label(year: int, period: int, frequency: str) -> str:
    """How a period is written in the user's language, e.g. "2025", "T2 2026", "Q1 2026", "2026-03"."""
    if period == 0:
        return str(year)
    if frequency == Frequency.TERTIAL:
        return _("T%(number)s %(year)s") % {"number": period, "year": year}
    if frequency == Frequency.QUARTERLY:
        return _("Q%(number)s %(year)s") % {"number": period, "year": year}
    return f"{year}-{period:02d}"


def yearly_series(rows) -> dict[int, float]:
    """Year → value from (year, period, value) rows.

    A whole-year value (period 0) stands for its year; without one, the year's latest period does.
    """
    series: dict[int, tuple[tuple[bool, int], float]] = {}
    for year, period, value in rows:
        if value is None:
            continue
        rank = (period == 0, period)
        if year not in series or rank > series[year][0]:
            series[year] = (rank, value)
    return {year: value for year, (_, value) in series.items()}
