"""The stages of a nonconformity and every rule for moving between them — only here.

::

    reported ──analyse──▶ analysed ──plan──▶ actions planned ──implement──▶ implemented
                             ▲                                                 │
                             └──────────────── not effective ◀─────────────────┤
                             ▲                                                 verify
                             └──── reopen ◀── closed ◀──close── verified ◀─────┘

Guards (a refused move raises :class:`TransitionRefused`, a ValidationError whose message names the
reason, e.g. "The nonconformity cannot be closed: the effectiveness has not been verified."):

* **analyse** — the immediate correction is described, or it is stated that none was needed; the
  root cause is stated; a five-whys analysis has at least one answer.
* **plan** — at least one corrective action that is not cancelled. After an ineffective result or a
  reopening, at least one *new* corrective action (created since).
* **implement** — every corrective action is done or cancelled, and at least one (new one) is done.
* **verify** / **not effective** — the effectiveness check is made by somebody independent: not the
  owner of the nonconformity and not the contact person of any of its corrective actions. "Not
  effective" needs a comment and sends the nonconformity back to *analysed*, where new actions are
  needed. Verifying re-checks that the actions are still done.
* **close** — the effectiveness has been verified as effective and the actions are (still) done.
* **reopen** — a closed nonconformity goes back to *analysed* with a required reason; the earlier
  effectiveness result no longer counts and new corrective actions are needed.

Who: those who may change the nonconformity (``CHANGE`` on its unit) analyse, plan and implement;
coordinators (``MANAGE_FOLLOW_UP``) verify, close and reopen. Every move is kept as a
:class:`~.models.StageChange` (who, when, from, to, comment): the timeline.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hallbar.accounts.roles import Permission
from hallbar.actions.models import Action
from hallbar.actions.rules import CLOSED_STATUSES, Status

from .models import AnalysisMethod, Effectiveness, Nonconformity, Stage, StageChange


class TransitionRefused(ValidationError):
    """A move the rules do not allow (yet); the message says why, in the user's language."""


@dataclass(frozen=True)
class Transition:
    name: str  # as in URLs and the API
    source: str
    target: str
    label: Promise  # the button
    refused: Promise  # "The nonconformity cannot be …", followed by the reason
    permission: str
    comment_required: bool = False
    comment_label: Promise = gettext_lazy("Comment")

    @property
    def url_name(self) -> str:
        return f"nonconformities:{self.name}"


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "analyse",
            Stage.REPORTED,
            Stage.ANALYSED,
            gettext_lazy("Mark as analysed"),
            gettext_lazy("The nonconformity cannot be marked as analysed"),
            Permission.CHANGE,
        ),
        Transition(
            "plan",
            Stage.ANALYSED,
            Stage.ACTIONS_PLANNED,
            gettext_lazy("Mark actions as planned"),
            gettext_lazy("The actions cannot be marked as planned"),
            Permission.CHANGE,
        ),
        Transition(
            "implement",
            Stage.ACTIONS_PLANNED,
            Stage.IMPLEMENTED,
            gettext_lazy("Mark as implemented"),
            gettext_lazy("The nonconformity cannot be marked as implemented"),
            Permission.CHANGE,
        ),
        Transition(
            "verify",
            Stage.IMPLEMENTED,
            Stage.VERIFIED,
            gettext_lazy("Verify as effective"),
            gettext_lazy("The effectiveness cannot be verified"),
            Permission.MANAGE_FOLLOW_UP,
        ),
        Transition(
            "not-effective",
            Stage.IMPLEMENTED,
            Stage.ANALYSED,
            gettext_lazy("Not effective: back to analysis"),
            gettext_lazy("The actions cannot be judged not effective"),
            Permission.MANAGE_FOLLOW_UP,
            comment_required=True,
            comment_label=gettext_lazy("Why the actions were not effective"),
        ),
        Transition(
            "close",
            Stage.VERIFIED,
            Stage.CLOSED,
            gettext_lazy("Close"),
            gettext_lazy("The nonconformity cannot be closed"),
            Permission.MANAGE_FOLLOW_UP,
        ),
        Transition(
            "reopen",
            Stage.CLOSED,
            Stage.ANALYSED,
            gettext_lazy("Reopen"),
            gettext_lazy("The nonconformity cannot be reopened"),
            Permission.MANAGE_FOLLOW_UP,
            comment_required=True,
            comment_label=gettext_lazy("Reason for reopening"),
        ),
    )
}

STAGE_ORDER = list(Stage.values)


# Guards: each returns the reasons (lower case, no full stop) why the move is not allowed now. -------


def _current_actions(nonconformity: Nonconformity):
    """Its corrective actions that count now: since it last went back to analysis, if it did."""
    actions = Action.objects.for_reason(nonconformity)
    if nonconformity.new_actions_since is not None:
        actions = actions.filter(created_at__gte=nonconformity.new_actions_since)
    return actions


def analysis_gaps(nonconformity) -> list[str]:
    """What the analysis still lacks: the guard of "analyse", and what must stay filled in after it."""
    reasons = []
    if not nonconformity.immediate_correction.strip() and not nonconformity.no_immediate_correction:
        reasons.append(_("the immediate correction is not described, nor stated as not needed"))
    if nonconformity.analysis_method == AnalysisMethod.FIVE_WHYS and not nonconformity.whys.exists():
        reasons.append(_("the five whys have not been answered"))
    if not nonconformity.root_cause.strip():
        reasons.append(_("the root cause has not been stated"))
    return reasons


def _analyse_guard(nonconformity, user, comment) -> list[str]:
    return analysis_gaps(nonconformity)


def _plan_guard(nonconformity, user, comment) -> list[str]:
    if _current_actions(nonconformity).exclude(status=Status.CANCELLED).exists():
        return []
    if nonconformity.new_actions_since is not None:
        return [_("it has no new corrective action since it went back to analysis")]
    return [_("it has no corrective action")]


def _actions_done_reasons(nonconformity) -> list[str]:
    actions = Action.objects.for_reason(nonconformity)
    open_count = actions.exclude(status__in=CLOSED_STATUSES).count()
    if open_count:
        return [
            ngettext(
                "%(count)d corrective action is not done",
                "%(count)d corrective actions are not done",
                open_count,
            )
            % {"count": open_count}
        ]
    if not _current_actions(nonconformity).filter(status=Status.DONE).exists():
        return [_("no corrective action is done")]
    return []


def _implement_guard(nonconformity, user, comment) -> list[str]:
    return _actions_done_reasons(nonconformity)


def _independence_reasons(nonconformity, user) -> list[str]:
    if user is None:
        return [_("the effectiveness must be checked by a named person")]
    if nonconformity.owner_id == user.pk:
        return [_("the owner of the nonconformity cannot check its effectiveness")]
    if Action.objects.for_reason(nonconformity).filter(contact_person=user).exists():
        return [_("the contact person of a corrective action cannot check its effectiveness")]
    return []


def _verify_guard(nonconformity, user, comment) -> list[str]:
    return _independence_reasons(nonconformity, user) + _actions_done_reasons(nonconformity)


def _not_effective_guard(nonconformity, user, comment) -> list[str]:
    return _independence_reasons(nonconformity, user)


def _close_guard(nonconformity, user, comment) -> list[str]:
    reasons = []
    if nonconformity.effectiveness_result != Effectiveness.EFFECTIVE:
        reasons.append(_("the effectiveness has not been verified"))
    return reasons + _actions_done_reasons(nonconformity)


def _nothing(nonconformity, user, comment) -> list[str]:
    return []


GUARDS: dict[str, Callable] = {
    "analyse": _analyse_guard,
    "plan": _plan_guard,
    "implement": _implement_guard,
    "verify": _verify_guard,
    "not-effective": _not_effective_guard,
    "close": _close_guard,
    "reopen": _nothing,
}


# Effects: what a move changes besides the stage. ---------------------------------------------------


def _record_effectiveness(nonconformity, user, comment, result) -> list[str]:
    nonconformity.effectiveness_result = result
    nonconformity.effectiveness_verified_by = user
    nonconformity.effectiveness_verified_at = timezone.now()
    nonconformity.effectiveness_comment = comment
    return ["effectiveness_result", "effectiveness_verified_by", "effectiveness_verified_at", "effectiveness_comment"]


def _verify_effect(nonconformity, user, comment) -> list[str]:
    return _record_effectiveness(nonconformity, user, comment, Effectiveness.EFFECTIVE)


def _not_effective_effect(nonconformity, user, comment) -> list[str]:
    nonconformity.new_actions_since = timezone.now()
    return ["new_actions_since", *_record_effectiveness(nonconformity, user, comment, Effectiveness.NOT_EFFECTIVE)]


def _reopen_effect(nonconformity, user, comment) -> list[str]:
    nonconformity.new_actions_since = timezone.now()
    nonconformity.effectiveness_result = ""
    nonconformity.effectiveness_verified_by = None
    nonconformity.effectiveness_verified_at = None
    nonconformity.effectiveness_comment = ""
    nonconformity.effectiveness_reminded_at = None
    return [
        "new_actions_since",
        "effectiveness_result",
        "effectiveness_verified_by",
        "effectiveness_verified_at",
        "effectiveness_comment",
        "effectiveness_reminded_at",
    ]


EFFECTS: dict[str, Callable] = {
    "verify": _verify_effect,
    "not-effective": _not_effective_effect,
    "reopen": _reopen_effect,
}


# The public functions. ------------------------------------------------------------------------------


def transitions_from(stage: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if t.source == stage]


def may(scope, nonconformity: Nonconformity, transition: Transition) -> bool:
    """May the scope's user attempt this move (the role; the guards are checked when it is made)?"""
    return scope.has(transition.permission, nonconformity)


def refusal(nonconformity: Nonconformity, name: str, *, user=None, comment: str | None = None) -> str | None:
    """The message saying why the move ``name`` is not allowed now, or ``None`` when it is.
    Without a ``comment`` (``None``), a required comment is not checked: what a page says beforehand."""
    transition = TRANSITIONS[name]
    if nonconformity.stage != transition.source:
        reasons = [_("it is at the stage “%(stage)s”") % {"stage": nonconformity.get_stage_display()}]
    else:
        reasons = GUARDS[name](nonconformity, user, comment)
        if transition.comment_required and comment is not None and not comment.strip():
            reasons.append(_("a comment is required"))
    if not reasons:
        return None
    return _("%(refused)s: %(reasons)s.") % {"refused": transition.refused, "reasons": "; ".join(reasons)}


@transaction.atomic
def move(nonconformity: Nonconformity, name: str, *, user, comment: str = "") -> StageChange:
    """Make the move ``name`` (see :data:`TRANSITIONS`) or raise :class:`TransitionRefused`."""
    if name not in TRANSITIONS:
        raise TransitionRefused(_("Unknown stage change."))
    comment = comment.strip()
    # Lock the row, so two people cannot move the same nonconformity at once, and judge what is stored.
    Nonconformity.objects.select_for_update().filter(pk=nonconformity.pk).values_list("pk").get()
    nonconformity.refresh_from_db()
    message = refusal(nonconformity, name, user=user, comment=comment)
    if message is not None:
        raise TransitionRefused(message)
    transition = TRANSITIONS[name]
    fields = EFFECTS.get(name, _nothing)(nonconformity, user, comment)
    nonconformity.stage = transition.target
    nonconformity.save(update_fields=["stage", *fields])
    return StageChange.objects.create(
        nonconformity=nonconformity,
        from_stage=transition.source,
        to_stage=transition.target,
        changed_by=user,
        comment=comment,
        is_reopening=name == "reopen",
    )


def record_registration(nonconformity: Nonconformity, *, user=None) -> StageChange:
    """The first timeline entry, written when the nonconformity is registered."""
    return StageChange.objects.create(
        nonconformity=nonconformity, from_stage="", to_stage=Stage.REPORTED, changed_by=user
    )


def progress(nonconformity: Nonconformity) -> list[dict]:
    """The stages in order, each ``{"stage", "label", "state"}`` with state done / current / upcoming."""
    current = STAGE_ORDER.index(nonconformity.stage)

    def state(index: int) -> str:
        if index < current:
            return "done"
        return "current" if index == current else "upcoming"

    return [
        {"stage": stage, "label": label, "state": state(index)} for index, (stage, label) in enumerate(Stage.choices)
    ]
