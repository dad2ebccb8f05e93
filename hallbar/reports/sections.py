"""The sections a report may have, in the order they appear, and which hold internal data only."""

from datetime import date

from django.utils.translation import gettext_lazy as _

SUMMARY, GOALS, INDICATORS, ACTIONS, CLIMATE, PROCUREMENT, AUDITS = (
    "summary",
    "goals",
    "indicators",
    "actions",
    "climate",
    "procurement",
    "audits",
)

SECTIONS = {
    SUMMARY: _("Summary"),
    GOALS: _("Goal status"),
    INDICATORS: _("Indicators"),
    ACTIONS: _("Actions"),
    CLIMATE: _("Climate"),
    PROCUREMENT: _("Procurement"),
    AUDITS: _("Audit results"),
}

# Nothing in these is published on the portal, so a public report cannot have them.
INTERNAL_ONLY = frozenset({PROCUREMENT, AUDITS})

TERTIALS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}  # first and last month


def ordered(keys) -> list[str]:
    return [key for key in SECTIONS if key in set(keys)]


def period_bounds(year: int, tertial: int | None) -> tuple[date, date]:
    """The first and last day of the report's period: the year, or one of its tertials."""
    if not tertial:
        return date(year, 1, 1), date(year, 12, 31)
    first, last = TERTIALS[tertial]
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)
