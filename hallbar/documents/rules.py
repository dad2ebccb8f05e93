"""The rules of controlled documents, in one place: version statuses, which transitions exist, and
when a document's review is overdue. Plain code without model imports, used by the models, the
services (which apply the guards) and the read models.

* A version is a **draft** while it is written, becomes **approved** when someone with the right to
  change the document who did not write it approves it, and becomes **superseded** when a later
  version is approved. Approved and superseded versions are locked.
* A document has at most one draft at a time, and at most one approved version: its *current* one.
* A document's **review is overdue** when its next review date has passed (``next_review_date < today``).
  Approving a version sets the next review date to the approval day plus the review interval.
"""

import calendar
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROCEDURE = "procedure", _("Procedure")
    INSTRUCTION = "instruction", _("Instruction")
    PLAN = "plan", _("Plan")
    OTHER = "other", _("Other")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


# The only transitions there are: approving a draft, and a newer approval superseding the old one.
TRANSITIONS: dict[str, frozenset[str]] = {
    VersionStatus.DRAFT: frozenset({VersionStatus.APPROVED}),
    VersionStatus.APPROVED: frozenset({VersionStatus.SUPERSEDED}),
    VersionStatus.SUPERSEDED: frozenset(),
}

LOCKED_STATUSES = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED)

DEFAULT_REVIEW_INTERVAL_MONTHS = 12


def may_move(status: str, target: str) -> bool:
    return target in TRANSITIONS.get(status, frozenset())


def is_locked(status: str) -> bool:
    return status in LOCKED_STATUSES


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when that month is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def is_review_overdue(next_review_date: date | None, today: date) -> bool:
    return next_review_date is not None and next_review_date < today


def review_overdue_q(today: date) -> Q:
    return Q(next_review_date__lt=today)
