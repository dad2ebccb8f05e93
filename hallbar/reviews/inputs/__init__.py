"""The inputs of a management review, assembled from the system itself — the one place that does it.

:func:`assemble` reads each area through its app's read models (``queries.py``, ``rules.py``) for the
review's organisation and period and returns plain JSON-ready data: ``{"version", "period",
"assembled_at", "sections": {key: …}}`` with a part per section of :mod:`hallbar.reviews.sections`
that the system can fill. Records are kept with their id, name, address and the *values* of their
choices (statuses, levels, kinds), never with translated labels: :mod:`hallbar.reviews.presentation`
turns them into text in the reader's language. Which input comes from where, and why, is described
in docs/methods/management-review.md.

"During the period" means from the first day of the period to the end of its last day. Records that
keep no dates of their own (interested parties, scan items, obligations) are found in the change
history. Overdue and stale are judged on the day of assembling, with each app's own rules.

A fixed number of queries whatever the amount of data (tested with two sizes).
"""

from datetime import datetime

from django.utils import timezone

from hallbar.accounts.scoping import Scope
from hallbar.nonconformities.models import Origin

from ..models import ManagementReview
from .checks import audits, improvement, maturity, nonconformities
from .common import Period
from .follow_up import goals, indicators, plan_actions
from .system import aspects, context, obligations, previous_actions, risks

VERSION = 1


# Assembling ---------------------------------------------------------------------------------------


def assemble(review: ManagementReview, *, user, now: datetime | None = None) -> dict:
    """The inputs of ``review`` for its organisation and period, as plain data (see the module docstring)."""
    now = now or timezone.now()
    period = Period(
        organisation=review.organisation,
        scope=Scope(user, review.organisation),
        review=review,
        start=review.period_start,
        end=review.period_end,
        now=now,
    )
    audit_part = audits(period)
    nonconformity_part = nonconformities(period)
    # Complaints registered during the period: the communication from interested parties on record.
    complaints = [row for row in nonconformity_part["opened"] if row["origin"] == Origin.COMPLAINT]
    return {
        "version": VERSION,
        "period": {"start": review.period_start.isoformat(), "end": review.period_end.isoformat()},
        "assembled_at": now.isoformat(),
        "sections": {
            "previous_actions": previous_actions(period),
            "context": context(period),
            "obligations": obligations(period),
            "aspects": aspects(period),
            "risks": risks(period),
            "goals": goals(period),
            "indicators": indicators(period),
            "plan_actions": plan_actions(period),
            "audits": audit_part,
            "nonconformities": nonconformity_part,
            "maturity": maturity(period),
            "communication": {"complaints": complaints},
            "improvement": improvement(period, audit_part["findings"]),
        },
    }
