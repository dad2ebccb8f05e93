"""The building blocks of a review's presentation — facts, tables, paragraphs, sections — and the small
helpers that turn stored values into text in the reader's language."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from hallbar.actions.models import Action
from hallbar.core.numbers import measure
from hallbar.indicators.calculations import Status as TargetStatus
from hallbar.indicators.templatetags.indicators import STATUS_DISPLAY

from .. import calculations, queries
from ..sections import Section


@dataclass
class Cell:
    text: str
    url: str | None = None
    numeric: bool = False


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Cell]]
    empty: str
    kind: str = "table"


@dataclass
class Facts:
    pairs: list[tuple[str, str]]
    kind: str = "facts"


@dataclass
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass
class SectionView:
    number: int
    section: Section
    blocks: list = field(default_factory=list)
    notes: str = ""
    notes_label: str = ""
    conclusion: str = ""

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self) -> str:
        return f"{self.number}. {self.section.title}"


# Small helpers ---------------------------------------------------------------------------------------


def label(choices, value) -> str:
    """The label of a stored choice value in the reader's language ('' for none, the value when unknown)."""
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def day(value: str | None) -> str:
    """A stored ISO date as the pages write dates (2026-03-31)."""
    return value or ""


def link(row: dict, text: str | None = None) -> Cell:
    return Cell(text if text is not None else row.get("name", ""), row.get("url"))


def number(value) -> Cell:
    return Cell(measure(value) if value is not None else "–", numeric=True)


def with_unit(value, unit: str | None) -> str:
    if value is None:
        return "–"
    return f"{measure(value)} {unit}".strip() if unit else measure(value)


CHANGE_LABELS = {
    queries.ADDED: pgettext_lazy("what happened to a record", "Added"),
    queries.CHANGED: pgettext_lazy("what happened to a record", "Changed"),
    queries.DELETED: pgettext_lazy("what happened to a record", "Deleted"),
}
MOVEMENT_LABELS = {
    calculations.BETTER: gettext_lazy("Better"),
    calculations.WORSE: gettext_lazy("Worse"),
    calculations.UNCHANGED: gettext_lazy("Unchanged"),
}


def change(row: dict) -> Cell:
    return Cell(str(CHANGE_LABELS.get(row.get("change"), "")))


def action_status(row: dict) -> str:
    """The status of an action as text, with "overdue" and "stale" after it when they apply."""
    flags = [str(flag) for flag, on in ((_("overdue"), row.get("overdue")), (_("stale"), row.get("stale"))) if on]
    text = label(Action.Status, row.get("status"))
    return f"{text} – {', '.join(flags)}" if flags else text


def target_status(value: str | None) -> str:
    if value is None:
        return _("No indicator")
    symbol, text, _modifier = STATUS_DISPLAY[TargetStatus(value)]
    return f"{symbol} {text}"


def unit_cell(row: dict) -> Cell:
    return Cell(row.get("unit") or _("The whole organisation"))


def signed(value) -> str:
    text = measure(value, max_decimals=1)
    return f"+{text}" if value > 0 else text
