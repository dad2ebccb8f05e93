"""The status workflow of an audit, in one place: the allowed transitions, their guards, their
effects, and what may still be changed in each status.

::

    planned ──start──▶ in progress ──write report──▶ report written ──close──▶ closed
                            ▲                              │
                            └────────── reopen ────────────┘

Guards (each refusal says why, e.g. "The audit cannot be closed: …"):

* **start** — a lead auditor is chosen; the checklist has at least one question; nobody in the audit
  team audits their own unit (the independence rule is checked again: memberships may have changed
  since the audit was planned).
* **write report** — at least one checklist question has been checked; every question concluded
  "finding" has a finding recorded for it; the audit's conclusions are written. Sets the report date.
* **reopen** — always allowed from "report written" (to correct the checklist or the findings).
* **close** — every major and minor nonconformity found has a nonconformity raised
  (:mod:`hallbar.nonconformities`). Sets the closing date.

Any other move (e.g. closing a planned audit, or anything from "closed") is refused.

What may be changed: the audit itself (title, scope, team, dates, conclusions) and its checklist
while it is planned or in progress; findings only while it is in progress. A closed audit or one
whose report is written is a record: reopen it to correct it (a closed audit cannot be reopened).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.core.workflow import Transition, Workflow

from . import independence, queries
from .models import Audit, ChecklistItem, Status

# Guards: each returns why the transition is refused, or None ---------------------------------------


def _has_lead_auditor(audit: Audit) -> str | None:
    return None if audit.lead_auditor_id else _("no lead auditor is chosen.")


def _has_checklist(audit: Audit) -> str | None:
    if audit.checklist.exists():
        return None
    return _("its checklist has no questions. Choose clauses to audit or add questions.")


def _team_is_independent(audit: Audit) -> str | None:
    people = [audit.lead_auditor, *audit.team.all()]
    found = independence.conflicts(audit.programme.organisation_id, people, audit.units.all())
    return " ".join(conflict.message for conflict in found) or None


def _something_checked(audit: Audit) -> str | None:
    if audit.checklist.exclude(conclusion=ChecklistItem.Conclusion.NOT_CHECKED).exists():
        return None
    return _("no checklist question has been checked.")


def _findings_recorded(audit: Audit) -> str | None:
    missing = audit.checklist.filter(conclusion=ChecklistItem.Conclusion.FINDING, findings__isnull=True)
    names = [str(item) for item in missing.select_related("clause")]
    if not names:
        return None
    return _("these checklist questions are concluded “finding” but have no finding recorded: %(list)s.") % {
        "list": "; ".join(names)
    }


def _has_conclusions(audit: Audit) -> str | None:
    return None if audit.conclusions.strip() else _("the audit's conclusions are not written.")


def _nonconformities_raised(audit: Audit) -> str | None:
    names = [str(finding) for finding in queries.findings_without_nonconformity(audit)]
    if not names:
        return None
    return _("no nonconformity has been raised for these findings: %(list)s.") % {"list": "; ".join(names)}


# Effects ----------------------------------------------------------------------------------------------


def _set_report_date(audit: Audit) -> None:
    audit.report_date = timezone.localdate()


def _clear_report_date(audit: Audit) -> None:
    audit.report_date = None


def _set_closed_on(audit: Audit) -> None:
    audit.closed_on = timezone.localdate()


# The transitions ----------------------------------------------------------------------------------------


WORKFLOW = Workflow(
    (
        Transition(
            "start",
            Status.PLANNED,
            Status.IN_PROGRESS,
            gettext_lazy("Start the audit"),
            gettext_lazy("The audit cannot be started"),
            (_has_lead_auditor, _has_checklist, _team_is_independent),
        ),
        Transition(
            "write_report",
            Status.IN_PROGRESS,
            Status.REPORT_WRITTEN,
            gettext_lazy("Mark the report as written"),
            gettext_lazy("The report cannot be marked as written"),
            (_something_checked, _findings_recorded, _has_conclusions),
            _set_report_date,
        ),
        Transition(
            "reopen",
            Status.REPORT_WRITTEN,
            Status.IN_PROGRESS,
            gettext_lazy("Reopen the audit"),
            gettext_lazy("The audit cannot be reopened"),
            (),
            _clear_report_date,
        ),
        Transition(
            "close",
            Status.REPORT_WRITTEN,
            Status.CLOSED,
            gettext_lazy("Close the audit"),
            gettext_lazy("The audit cannot be closed"),
            (_nonconformities_raised,),
            _set_closed_on,
        ),
    ),
    unknown=gettext_lazy("There is no such step for an audit."),
)
TRANSITIONS = WORKFLOW.transitions
available = WORKFLOW.available
problems = WORKFLOW.problems


@transaction.atomic
def transition(audit: Audit, name: str) -> Audit:
    """Move the audit on by the transition ``name``; raises ValidationError saying why it is refused."""
    locked = Audit.objects.select_for_update(of=("self",)).select_related("programme", "lead_auditor").get(pk=audit.pk)
    refused = problems(locked, name)
    if refused:
        raise ValidationError(refused)
    step = TRANSITIONS[name]
    locked.status = step.target
    if step.effect is not None:
        step.effect(locked)
    fields = ["status", "report_date", "closed_on"]
    locked.save(update_fields=fields)
    for field in fields:
        setattr(audit, field, getattr(locked, field))
    return audit


# What may be changed in which status ---------------------------------------------------------------------

EDITABLE = {
    "audit": (Status.PLANNED, Status.IN_PROGRESS),
    "checklist": (Status.PLANNED, Status.IN_PROGRESS),
    "findings": (Status.IN_PROGRESS,),
}

NOT_EDITABLE = {
    "audit": gettext_lazy("The audit cannot be changed"),
    "checklist": gettext_lazy("The checklist cannot be changed"),
    "findings": gettext_lazy("Findings cannot be recorded or changed"),
}


def editable(audit: Audit, part: str) -> bool:
    return audit.status in EDITABLE[part]


def require_editable(audit: Audit, part: str) -> None:
    """Raise ValidationError when ``part`` ("audit", "checklist", "findings") may not change in the audit's status."""
    if editable(audit, part):
        return
    if part == "findings" and audit.status == Status.PLANNED:
        reason = _("the audit has not started.")
    elif audit.status == Status.REPORT_WRITTEN:
        reason = _("the report is written. Reopen the audit first.")
    elif audit.status == Status.CLOSED:
        reason = _("the audit is closed.")
    else:
        reason = _("its status is “%(status)s”.") % {"status": audit.get_status_display()}
    raise ValidationError(f"{NOT_EDITABLE[part]}: {reason}")
