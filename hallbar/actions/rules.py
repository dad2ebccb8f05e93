"""The status rules of actions, in one place: which statuses exist, when an action is overdue or stale.

Plain functions and ``Q`` builders without model imports, used by the models' queryset (filtering in
the database) and by the read models (flags on fetched rows), so both always agree:

* **Status** is stored and chosen by people: not started, ongoing, done, delayed, cancelled.
  Done and cancelled are *closed*; the other three are *open*.
* **Overdue** is derived, never stored: an open action whose end date has passed (``end_date < today``).
* **Stale** is derived too: an open action that has started (no start date, or a start date that is
  not in the future) whose last activity — the latest progress update, or its creation when it has
  none — lies ``stale_after_days`` days or more back (the organisation's follow-up settings).
"""

from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (Status.NOT_STARTED, Status.ONGOING, Status.DELAYED)
CLOSED_STATUSES = (Status.DONE, Status.CANCELLED)

# Shown next to the status text (never instead of it); hidden from screen readers.
STATUS_SYMBOLS = {
    Status.NOT_STARTED: "○",
    Status.ONGOING: "▶",
    Status.DONE: "✓",
    Status.DELAYED: "⚠",
    Status.CANCELLED: "✕",
}
STALE_SYMBOL = "◷"
OVERDUE_SYMBOL = "!"

DEFAULT_STALE_AFTER_DAYS = 120
DEFAULT_REMIND_DAYS_BEFORE_DEADLINE = 14
DEFAULT_STALE_REMINDER_INTERVAL_DAYS = 30


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def last_activity(action) -> datetime:
    """When somebody last reported on the action: its latest progress update, or its creation."""
    return action.last_progress_at or action.created_at


def days_without_update(action, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return max((now - last_activity(action)).days, 0)


def has_started(action, today: date) -> bool:
    return action.start_date is None or action.start_date <= today


def is_overdue(action, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return is_open(action.status) and action.end_date is not None and action.end_date < today


def is_stale(action, stale_after_days: int, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        is_open(action.status)
        and has_started(action, timezone.localdate(now))
        and days_without_update(action, now) >= stale_after_days
    )


def stale_cutoff(stale_after_days: int, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=stale_after_days)


def overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_STATUSES, end_date__lt=today)


def last_activity_expression() -> Coalesce:
    return Coalesce("last_progress_at", "created_at")


def stale_q(stale_after_days: int, now: datetime | None = None) -> Q:
    """Stale actions, as a condition for ``filter()`` or an aggregate's ``filter``."""
    now = now or timezone.now()
    started = Q(start_date__isnull=True) | Q(start_date__lte=timezone.localdate(now))
    quiet = LessThanOrEqual(last_activity_expression(), stale_cutoff(stale_after_days, now))
    return Q(quiet) & Q(status__in=OPEN_STATUSES) & started
