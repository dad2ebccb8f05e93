"""The evaluation rules of compliance obligations, in one place: which results exist and when an
obligation's evaluation is overdue.

Plain values and ``Q`` builders without model imports, used by the models, the read models (flags on
fetched rows) and the reminders, so the database filters and the flags on a page always agree:

* **Result** of an evaluation: met, partly met or not met. What each result leads to (a
  nonconformity) is decided in :mod:`hallbar.obligations.services`.
* **Overdue** is derived, never stored: an *active* obligation whose next evaluation date has passed
  (``next_evaluation_date < today``). Repealed obligations are never overdue.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Result(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    REPEALED = "repealed", _("Repealed")


# Shown next to the result text (never instead of it); hidden from screen readers.
RESULT_SYMBOLS = {Result.MET: "✓", Result.PARTLY: "◐", Result.NOT_MET: "✕"}
NOT_EVALUATED_SYMBOL = "○"
OVERDUE_SYMBOL = "!"

DEFAULT_INTERVAL_MONTHS = 12
# The responsible person is reminded about an overdue evaluation at most this often.
REMINDER_INTERVAL_DAYS = 30


def is_overdue(obligation, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        obligation.status == Status.ACTIVE
        and obligation.next_evaluation_date is not None
        and obligation.next_evaluation_date < today
    )


def overdue_q(today: date) -> Q:
    """Overdue obligations, as a condition for ``filter()`` or an aggregate's ``filter``."""
    return Q(status=Status.ACTIVE, next_evaluation_date__lt=today)
