"""Every write of the citizen dialogue.

Workflow: a visitor's post is stored *pending* (``submit``); a coordinator approves it (it appears on
the public goal page), rejects it with a reason (it never appears; the reason stays internal), answers
an approved one publicly, and turns an approved proposal into an action (``make_action``: the one
``Action`` with the proposal as *reason*, linked to the goal). Each moderation step raises the
organisation's content version, so the cached public goal page is built again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.organisations import content

from .models import Contribution


def submit(goal, *, kind: str, text: str, name: str = "", email: str = "") -> Contribution:
    """Store a visitor's contribution on ``goal``, waiting for moderation (nothing public changes)."""
    entry = Contribution(
        organisation_id=goal.plan.organisation_id,
        goal=goal,
        kind=kind,
        name=" ".join(name.split()),
        email=email.strip(),
        text=text.strip(),
    )
    entry.full_clean()
    entry.save()
    return entry


def _moderated(entry: Contribution, user) -> Contribution:
    entry.moderated_by = user
    entry.moderated_at = timezone.now()
    entry.full_clean()
    entry.save()
    content.bump(entry.organisation_id)
    return entry


@transaction.atomic
def approve(entry: Contribution, *, user) -> Contribution:
    """Show the contribution on the public goal page."""
    entry.status = Contribution.Status.APPROVED
    entry.rejection_reason = ""
    return _moderated(entry, user)


@transaction.atomic
def reject(entry: Contribution, *, user, reason: str) -> Contribution:
    """Keep the contribution off the public page, with an internal reason. An answered contribution or
    one that became an action stays: its answer or action would lose its context."""
    if entry.answer.strip() or action_for(entry) is not None:
        raise ValidationError(_("An answered contribution or one that became an action cannot be rejected."))
    entry.status = Contribution.Status.REJECTED
    entry.rejection_reason = reason.strip()
    return _moderated(entry, user)


@transaction.atomic
def answer(entry: Contribution, *, user, text: str) -> Contribution:
    """Answer an approved contribution publicly (an empty text removes the answer)."""
    entry.answer = text.strip()
    entry.answered_at = timezone.now() if entry.answer else None
    return _moderated(entry, user)


def action_for(entry: Contribution) -> Action | None:
    return Action.objects.for_reason(entry).first() if entry.pk else None


@transaction.atomic
def make_action(entry: Contribution, *, user, title: str, **fields) -> Action:
    """Turn an approved proposal into an action of the organisation, linked to the goal, with the
    proposal as its *reason*; the public page then shows the action's title and status."""
    if entry.kind != Contribution.Kind.PROPOSAL or entry.status != Contribution.Status.APPROVED:
        raise ValidationError(_("Only approved proposals can become actions."))
    if action_for(entry) is not None:
        raise ValidationError(_("This proposal has already become an action."))
    fields.setdefault("description", entry.text)
    action = action_services.create_action(
        organisation=entry.organisation, title=title.strip(), reason=entry, goals=[entry.goal], **fields
    )
    content.bump(entry.organisation_id)
    return action
