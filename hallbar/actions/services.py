"""Every write of action plans, actions, progress updates and follow-up settings, with the status rules.

Views, the API and (later) other apps call these functions; none of them saves an action itself.
Callers check *who* may write (``request.scope``; :func:`can_post_progress` for progress updates);
these functions check *what* is written and write it all or nothing.

Status rules (overdue and stale are derived, see :mod:`hallbar.actions.rules`):

1. An action has one of five statuses: not started, ongoing, done, delayed, cancelled. People set
   it, in the action form or — usually — with a progress update. New actions are "not started"
   unless another status is given.
2. A progress update always carries the status the action has after it (by default the current
   one). Posting it sets the action's status, ``last_progress_at`` (the moment of posting, which is
   what "stale" is measured from) and, when given, ``percent_complete``.
3. Marking an action done without an end date sets the end date: to the progress update's date, or
   to today in the form (never before the start date). A done update without a percentage counts as
   100 percent complete.
4. An open action (not started, ongoing, delayed) whose end date has passed is shown as *overdue*
   next to its status; the status itself is not changed behind anyone's back.
5. An open action that has started and has had no progress update for the organisation's
   ``stale_after_days`` (counted from its creation when it has none) is *stale*. Its contact person
   gets an e-mail digest of their stale actions (:mod:`hallbar.actions.tasks`), at most every
   ``stale_reminder_interval_days``.
6. Progress updates are a record and are not edited or deleted; an action with progress updates
   cannot be deleted (cancel it instead), nor an action plan that still has actions.
7. Everything an action links to — action plan, responsible unit, goals, targets, indicators, the
   reason and the contact person (an active member) — must belong to the action's organisation.

Permissions: editors (and coordinators, administrators) change actions of the units they may change,
as everywhere else. In addition the **contact person** of an action may post progress updates on it
whatever their role, as long as they are an active member of its organisation
(:func:`can_post_progress`); this rule lives here rather than in ``accounts.roles`` because it depends
on the action, not on a role.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.accounts.roles import Permission
from hallbar.accounts.scoping import organisation_id_of
from hallbar.core.deletion import guarded_delete
from hallbar.core.links import check_organisation_links
from hallbar.indicators.models import Indicator
from hallbar.plans.models import Goal, Target

from .models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from .rules import Status

# Links checked against the action's organisation: field name → (model, ORM path to the organisation id).
LINKS = {
    "goals": (Goal, "plan__organisation_id"),
    "targets": (Target, "goal__plan__organisation_id"),
    "indicators": (Indicator, "organisation_id"),
}


# Permissions ------------------------------------------------------------------------------------------


def can_change(scope, obj) -> bool:
    return scope.has(Permission.CHANGE, obj)


def can_post_progress(scope, action: Action) -> bool:
    """Those who may change the action, and its contact person while a member of its organisation."""
    if scope.has(Permission.CHANGE, action):
        return True
    user = scope.user
    return (
        user is not None
        and user.is_authenticated
        and action.contact_person_id == user.pk
        and action.organisation_id in scope.organisation_ids
    )


# Actions ----------------------------------------------------------------------------------------------


def check_links(organisation_id: int, links: dict[str, Iterable | None]) -> None:
    """Rule 7 for goals, targets and indicators: ``{"goals": [...], …}`` (``None``: not changed) must all
    belong to the organisation; raises ValidationError naming the others."""
    check_organisation_links(organisation_id, links, LINKS)


def _check_reason(action: Action) -> None:
    reason = action.reason
    if reason is None:
        return
    if getattr(type(reason), "organisation_lookup", None) is not None:
        if organisation_id_of(reason) != action.organisation_id:
            raise ValidationError({"reason": _("The reason must belong to the same organisation.")})


def set_reason(action: Action, reason: models.Model | None) -> None:
    """Point the action at the object it comes from (any saved model instance), or at nothing."""
    if reason is None:
        action.reason_type, action.reason_id = None, None
        return
    if reason.pk is None:
        raise ValueError("The reason must be saved before an action can refer to it.")
    action.reason_type = ContentType.objects.get_for_model(type(reason))
    action.reason_id = reason.pk


def _apply_status_rules(action: Action, on: date | None = None) -> None:
    if action.status == Status.DONE and action.end_date is None:
        end = on or timezone.localdate()
        action.end_date = max(end, action.start_date) if action.start_date else end


def prepare_action(action: Action) -> None:
    """Apply the status rules and validate an action without saving it: what :func:`save_action` does
    before it writes. Bulk writers (the actions import) call it for every row, then write in bulk."""
    _apply_status_rules(action)
    action.full_clean()
    _check_reason(action)


@transaction.atomic
def save_action(
    action: Action,
    *,
    goals: Iterable[Goal] | None = None,
    targets: Iterable[Target] | None = None,
    indicators: Iterable[Indicator] | None = None,
) -> Action:
    """Validate and save a new or changed action; links given as ``None`` stay as they are."""
    links = {"goals": goals, "targets": targets, "indicators": indicators}
    links = {name: (list(objects) if objects is not None else None) for name, objects in links.items()}
    prepare_action(action)
    check_links(action.organisation_id, links)
    action.save()
    for name, objects in links.items():
        if objects is not None:
            getattr(action, name).set(objects)
    return action


def create_action(
    *,
    organisation,
    title: str,
    reason: models.Model | None = None,
    goals: Iterable[Goal] = (),
    targets: Iterable[Target] = (),
    indicators: Iterable[Indicator] = (),
    **fields,
) -> Action:
    """Create an action, optionally for ``reason`` — any object of the organisation (a risk, a finding …).

    ``fields`` are the other model fields (``responsible_unit``, ``contact_person``, ``start_date``,
    ``end_date``, ``budget_sek``, ``outcome_sek``, ``status``, ``description``, ``action_plan``).
    Raises :class:`~django.core.exceptions.ValidationError` naming the field when something does not fit.
    """
    action = Action(organisation=organisation, title=title, **fields)
    set_reason(action, reason)
    return save_action(action, goals=goals, targets=targets, indicators=indicators)


def update_action(action: Action, *, goals=None, targets=None, indicators=None, **fields) -> Action:
    """Change the given fields (and links, when given) of an action."""
    reason = fields.pop("reason", action.reason)
    for name, value in fields.items():
        setattr(action, name, value)
    set_reason(action, reason)
    return save_action(action, goals=goals, targets=targets, indicators=indicators)


def delete_action(action: Action) -> None:
    """Delete an action without progress updates; raises DeletionRefused naming them otherwise."""
    guarded_delete(action)


# Progress updates -------------------------------------------------------------------------------------


@transaction.atomic
def post_progress(
    action: Action,
    *,
    author,
    text: str,
    status: str | None = None,
    date: date | None = None,
    percent_complete: int | None = None,
) -> ProgressUpdate:
    """Record a progress update and move the action's status, ``last_progress_at`` and percentage."""
    update = ProgressUpdate(
        action=action,
        author=author,
        text=text,
        status=status or action.status,
        date=date or timezone.localdate(),
        percent_complete=percent_complete,
    )
    if update.status == Status.DONE and update.percent_complete is None:
        update.percent_complete = 100
    update.full_clean()
    if update.date > timezone.localdate():
        raise ValidationError({"date": _("The date of a progress update cannot be in the future.")})
    update.save()
    action.status = update.status
    action.last_progress_at = update.created_at
    if update.percent_complete is not None:
        action.percent_complete = update.percent_complete
    _apply_status_rules(action, on=update.date)
    action.save(update_fields=["status", "last_progress_at", "percent_complete", "end_date"])
    return update


# Action plans -----------------------------------------------------------------------------------------


def save_action_plan(action_plan: ActionPlan) -> ActionPlan:
    action_plan.full_clean()
    action_plan.save()
    return action_plan


def delete_action_plan(action_plan: ActionPlan) -> None:
    guarded_delete(action_plan)


# Follow-up settings -----------------------------------------------------------------------------------


def save_follow_up_settings(settings: FollowUpSettings) -> FollowUpSettings:
    settings.full_clean()
    settings.save()
    return settings


def mark_reminded(action_ids: Iterable[int], when=None) -> None:
    """Remember that the contact person was reminded (not a change to the action: no history)."""
    Action.objects.filter(pk__in=list(action_ids)).update(stale_reminded_at=when or timezone.now())
