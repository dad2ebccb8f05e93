"""Every write of management reviews and their decisions, and the actions they start.

Views and the API call these functions; callers check *who* may write (``request.scope``), these check
*what* is written and write it all or nothing. What may change in which status is decided in
:mod:`hallbar.reviews.workflow`; the status itself moves only there.

Rules:

1. Starting a review assembles its inputs (:mod:`hallbar.reviews.inputs`) for its period and keeps
   them as a snapshot. Without a chosen period it covers the time since the previous review's period
   ended (a year when there is none) up to the day of the review.
2. While the review is in preparation its inputs may be refreshed; changing the period refreshes
   them. Once held, the inputs and the period are kept as they were.
3. Details, participants, the coordinator's notes, conclusions, decisions and new actions may be
   written while the review is in preparation or held; an approved review does not change.
4. New actions are the one action model, with the review as their *reason*.
5. A review cannot be deleted once approved, nor while actions name it as their reason.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hallbar.actions import services as action_services
from hallbar.actions.models import Action

from . import calculations, inputs, queries, workflow
from .models import Decision, ManagementReview

PERIOD_FIELDS = ("period_start", "period_end")
DETAIL_FIELDS = (
    "title",
    "date",
    *PERIOD_FIELDS,
    "participants",
    "resources_notes",
    "communication_notes",
    "improvement_notes",
)
OVERALL_CONCLUSIONS = ("suitability", "adequacy", "effectiveness")


def _assemble(review: ManagementReview, user) -> None:
    review.inputs = inputs.assemble(review, user=user)
    review.inputs_assembled_at = timezone.now()


@transaction.atomic
def start_review(*, organisation, user, title: str, date, period_start=None, period_end=None, **fields):
    """Create a review in preparation with its inputs assembled (rule 1). ``fields``: participants and
    the coordinator's notes."""
    review = ManagementReview(organisation=organisation, title=title, date=date, created_by=user, **fields)
    if date is not None and (period_start is None or period_end is None):
        previous = queries.previous_review(organisation, date)
        default_start, default_end = calculations.default_period(date, previous.period_end if previous else None)
        period_start, period_end = period_start or default_start, period_end or default_end
    review.period_start, review.period_end = period_start, period_end
    review.full_clean()
    _assemble(review, user)
    review.save()
    return review


@transaction.atomic
def update_review(review: ManagementReview, *, user, **fields) -> ManagementReview:
    """Change the details of a review (rules 2 and 3); a changed period refreshes the inputs."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"Not details of a review: {sorted(unknown)}")
    workflow.require_editable(review, "record")
    period_changed = any(name in fields and fields[name] != getattr(review, name) for name in PERIOD_FIELDS)
    if period_changed:
        message = workflow.refusal(review, "inputs")
        if message is not None:
            raise ValidationError({"period_start": _("The period cannot be changed: %(reason)s") % {"reason": message}})
    for name, value in fields.items():
        setattr(review, name, value)
    review.full_clean()
    if period_changed:
        _assemble(review, user)
    review.save()
    return review


def refresh_inputs(review: ManagementReview, *, user) -> ManagementReview:
    """Assemble the inputs again from the system as it is now (only in preparation, rule 2)."""
    workflow.require_editable(review, "inputs")
    _assemble(review, user)
    review.save(update_fields=["inputs", "inputs_assembled_at"])
    return review


def save_conclusions(review: ManagementReview, *, sections: dict[str, str], **overall: str) -> ManagementReview:
    """Write the conclusions per input section (``{section key: text}``, empty ones dropped) and on the
    system as a whole (``suitability``, ``adequacy``, ``effectiveness``)."""
    workflow.require_editable(review, "record")
    unknown = set(overall) - set(OVERALL_CONCLUSIONS)
    if unknown:
        raise ValueError(f"Not overall conclusions: {sorted(unknown)}")
    review.conclusions = {key: text.strip() for key, text in sections.items() if text and text.strip()}
    for name, text in overall.items():
        setattr(review, name, text.strip())
    review.full_clean()
    review.save(update_fields=["conclusions", *overall])
    return review


# Decisions -----------------------------------------------------------------------------------------------


def save_decision(decision: Decision) -> Decision:
    workflow.require_editable(decision.review, "record")
    decision.full_clean()
    decision.save()
    return decision


def add_decision(review: ManagementReview, *, kind: str, text: str) -> Decision:
    return save_decision(Decision(review=review, kind=kind, text=text))


def delete_decision(decision: Decision) -> None:
    workflow.require_editable(decision.review, "record")
    decision.delete()


# Actions ---------------------------------------------------------------------------------------------------


def add_action(review: ManagementReview, *, title: str, **fields) -> Action:
    """A new action decided at the review (rule 4); ``fields`` as for
    :func:`hallbar.actions.services.create_action`."""
    workflow.require_editable(review, "record")
    return action_services.create_action(organisation=review.organisation, title=title, reason=review, **fields)


# Deleting -----------------------------------------------------------------------------------------------------


def deletion_refusal(review: ManagementReview) -> str | None:
    """Why the review cannot be deleted (rule 5), or None."""
    message = workflow.refusal(review, "delete")
    if message is not None:
        return message
    count = Action.objects.for_reason(review).count()
    if count:
        return ngettext(
            "The review cannot be deleted: %(count)d action was decided at it.",
            "The review cannot be deleted: %(count)d actions were decided at it.",
            count,
        ) % {"count": count}
    return None


@transaction.atomic
def delete_review(review: ManagementReview) -> None:
    """Delete the review with its decisions, or raise ValidationError saying why not."""
    message = deletion_refusal(review)
    if message is not None:
        raise ValidationError(message)
    review.delete()
