"""The status of a management review, in one place: the transitions, their guards and who may make
them, their effects, and what may still be changed in each status.

::

    in preparation ──hold──▶ held ──approve──▶ approved (locked)

Guards (each refusal says why, e.g. "The review cannot be approved: the conclusion on the
effectiveness of the management system is not written."):

* **hold** — the day of the review has come; the participants are recorded. Holding freezes the
  inputs: they can no longer be refreshed, nor the period changed.
* **approve** — the three overall conclusions (suitability, adequacy, effectiveness) are written.
  Only coordinators and administrators approve (``MANAGE_FOLLOW_UP`` on the organisation); who and
  when is recorded.

Any other move (approving a review in preparation, anything from "approved") is refused. An approved
review is a record: nothing of it changes any more, and it cannot be deleted.

Who: those who may change the organisation's data (``CHANGE`` on the whole organisation) prepare a
review, record it and mark it as held.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.accounts.roles import Permission
from hallbar.core.workflow import Guard, Transition, Workflow

from .models import ManagementReview, Status

# Guards: each returns why the transition is refused, or None ----------------------------------------


def _day_has_come(review: ManagementReview) -> str | None:
    if review.date <= timezone.localdate():
        return None
    return _("the day of the review (%(date)s) has not come yet.") % {"date": review.date.isoformat()}


def _has_participants(review: ManagementReview) -> str | None:
    return None if review.participants.strip() else _("the participants are not recorded.")


def _conclusion_written(field: str, missing: Promise) -> Guard:
    def guard(review: ManagementReview) -> str | None:
        return None if getattr(review, field).strip() else str(missing)

    return guard


# Effects ---------------------------------------------------------------------------------------------


def _record_approval(review: ManagementReview, user) -> None:
    review.approved_by = user
    review.approved_at = timezone.now()


# The transitions -------------------------------------------------------------------------------------


WORKFLOW = Workflow(
    (
        Transition(
            "hold",
            Status.PREPARATION,
            Status.HELD,
            gettext_lazy("Mark the review as held"),
            gettext_lazy("The review cannot be marked as held"),
            guards=(_day_has_come, _has_participants),
            permission=Permission.CHANGE,
        ),
        Transition(
            "approve",
            Status.HELD,
            Status.APPROVED,
            gettext_lazy("Approve the review"),
            gettext_lazy("The review cannot be approved"),
            permission=Permission.MANAGE_FOLLOW_UP,
            guards=(
                _conclusion_written(
                    "suitability",
                    gettext_lazy("the conclusion on the suitability of the management system is not written."),
                ),
                _conclusion_written(
                    "adequacy", gettext_lazy("the conclusion on the adequacy of the management system is not written.")
                ),
                _conclusion_written(
                    "effectiveness",
                    gettext_lazy("the conclusion on the effectiveness of the management system is not written."),
                ),
            ),
            effect=_record_approval,
        ),
    ),
    unknown=gettext_lazy("There is no such step for a management review."),
)
TRANSITIONS = WORKFLOW.transitions
available = WORKFLOW.available
problems = WORKFLOW.problems


def may(scope, review: ManagementReview, transition: Transition) -> bool:
    """May the scope's user attempt this transition (the role; the guards are checked when it is made)?"""
    return scope.has(transition.permission, review)


@transaction.atomic
def transition(review: ManagementReview, name: str, *, user) -> ManagementReview:
    """Move the review on by the transition ``name``; raises ValidationError saying why it is refused.
    Callers check that the user :func:`may` make it."""
    locked = ManagementReview.objects.select_for_update().get(pk=review.pk)
    refused = problems(locked, name)
    if refused:
        raise ValidationError(refused)
    step = TRANSITIONS[name]
    locked.status = step.target
    if step.effect is not None:
        step.effect(locked, user)
    fields = ["status", "approved_by", "approved_at"]
    locked.save(update_fields=fields)
    for field in fields:
        setattr(review, field, getattr(locked, field))
    return review


# What may be changed in which status ----------------------------------------------------------------

EDITABLE = {
    "inputs": (Status.PREPARATION,),  # refreshing the inputs, changing the period
    "record": (Status.PREPARATION, Status.HELD),  # details, participants, notes, conclusions, decisions, actions
    "delete": (Status.PREPARATION, Status.HELD),
}

NOT_EDITABLE = {
    "inputs": gettext_lazy("The inputs cannot be refreshed"),
    "record": gettext_lazy("The review cannot be changed"),
    "delete": gettext_lazy("The review cannot be deleted"),
}


def editable(review: ManagementReview, part: str) -> bool:
    return review.status in EDITABLE[part]


def refusal(review: ManagementReview, part: str) -> str | None:
    """Why ``part`` ("inputs", "record", "delete") may not change in the review's status, or None."""
    if editable(review, part):
        return None
    if review.status == Status.APPROVED:
        reason = _("it is approved.")
    else:
        reason = _("the review has been held, so its inputs are kept as they were at the meeting.")
    return f"{NOT_EDITABLE[part]}: {reason}"


def require_editable(review: ManagementReview, part: str) -> None:
    message = refusal(review, part)
    if message is not None:
        raise ValidationError(message)
