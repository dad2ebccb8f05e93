"""What the review pages share: refusing changes to a review that no longer allows them."""

from django.contrib import messages
from django.shortcuts import redirect

from .. import workflow
from ..models import ManagementReview


class Locked(Exception):
    def __init__(self, message: str, review: ManagementReview):
        super().__init__(message)
        self.message = message
        self.review = review


def require_open(review: ManagementReview, part: str = "record") -> None:
    """Raise :class:`Locked` when ``part`` of the review may not change in its status (see the workflow)."""
    message = workflow.refusal(review, part)
    if message is not None:
        raise Locked(message, review)


class LockAwareMixin:
    """Pages that change a review: once its status no longer allows the change, the page sends the
    user back to the review with the reason. Put it first, so it wraps the whole request."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Locked as locked:
            messages.error(request, locked.message)
            return redirect(locked.review)
