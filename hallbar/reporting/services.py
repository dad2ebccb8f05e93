"""Reporting round workflow: open a round, units report and submit, the coordinator reviews.

The report states and who may move them::

    not started ─┐
    draft ───────┼─ submit (editor of the unit) ──▶ submitted ─ approve (coordinator) ──▶ approved (locked)
    returned ────┘                                      └────── return with a comment ──▶ returned

Editors may change a report (its summary, the unit's indicator values) only while the round is
open and the report is not started, a draft or returned. Approving stores a snapshot of the actions
and values, and what changed since the unit's approved report in the previous round; an approved
report never changes again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.accounts.roles import Permission
from hallbar.indicators.services import record_value

from . import queries, tasks
from .models import ReportingRound, UnitReport

Status = UnitReport.Status


def can_review(scope, round_: ReportingRound) -> bool:
    return scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=round_.organisation_id)


def can_report(scope, report: UnitReport) -> bool:
    return scope.has(Permission.CHANGE, report)


@transaction.atomic
def open_round(*, units, **fields) -> ReportingRound:
    """Create a round and one report for each unit asked to report."""
    round_ = ReportingRound(**fields)
    round_.full_clean()
    round_.save()
    add_units(round_, units)
    return round_


def add_units(round_: ReportingRound, units) -> None:
    foreign = [unit for unit in units if unit.organisation_id != round_.organisation_id]
    if foreign:
        raise ValidationError({"units": _("Only units of the organisation can be asked to report.")})
    existing = set(round_.reports.values_list("unit_id", flat=True))
    UnitReport.objects.bulk_create([UnitReport(round=round_, unit=unit) for unit in units if unit.pk not in existing])


def remove_units(round_: ReportingRound, units) -> None:
    """Stop asking units that have not started; a unit that has written something stays."""
    started = round_.reports.filter(unit__in=units).exclude(status=Status.NOT_STARTED)
    if started.exists():
        names = ", ".join(sorted(report.unit.name for report in started.select_related("unit")))
        raise ValidationError(
            {
                "units": _("These units have already started their reports and cannot be removed: %(units)s.")
                % {"units": names}
            }
        )
    round_.reports.filter(unit__in=units).delete()


def _require_editable(report: UnitReport) -> None:
    if not report.round.is_open:
        raise ValidationError(_("The round is closed; reports can no longer be changed."))
    if not report.is_editable:
        raise ValidationError(
            _("The report is %(status)s and cannot be changed now.") % {"status": report.get_status_display().lower()}
        )


@transaction.atomic
def save_report(report: UnitReport, *, summary: str, values: list[dict] | None = None) -> UnitReport:
    """Save the unit's summary and indicator values as a draft.

    ``values`` are dicts with the indicator line (from :func:`queries.report_content`) and the
    fields value, value_women, value_men, status and comment; a line without a value is skipped.
    """
    _require_editable(report)
    report.summary = summary
    if report.status == Status.NOT_STARTED:
        report.status = Status.DRAFT
    report.save(update_fields=["summary", "status"])
    for entry in values or []:
        line = entry.pop("line")
        if entry.get("value") is None:
            continue
        record_value(
            line.indicator,
            unit=None,
            year=line.year,
            period=line.period,
            source=_("Reported in %(round)s") % {"round": report.round.title},
            **entry,
        )
    return report


@transaction.atomic
def submit(report: UnitReport, *, by) -> UnitReport:
    _require_editable(report)
    report.status = Status.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), by
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    transaction.on_commit(lambda: tasks.notify_submitted.enqueue(report.pk))
    return report


def _require_submitted(report: UnitReport) -> None:
    if report.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be approved or returned."))


@transaction.atomic
def approve(report: UnitReport, *, by, comment: str = "") -> UnitReport:
    """Lock the report and keep a snapshot of what was approved."""
    report = UnitReport.objects.select_for_update().select_related("round", "unit").get(pk=report.pk)
    _require_submitted(report)
    report.status = Status.APPROVED
    report.reviewed_at, report.reviewed_by, report.review_comment = timezone.now(), by, comment
    report.snapshot = queries.snapshot(report)
    report.changes = queries.snapshot_changes(queries.previous_snapshot(report), report.snapshot)
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "snapshot", "changes"])
    return report


@transaction.atomic
def return_report(report: UnitReport, *, by, comment: str) -> UnitReport:
    _require_submitted(report)
    if not comment.strip():
        raise ValidationError({"review_comment": _("Say what the unit should change before it submits again.")})
    report.status = Status.RETURNED
    report.reviewed_at, report.reviewed_by, report.review_comment = timezone.now(), by, comment.strip()
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
    transaction.on_commit(lambda: tasks.notify_returned.enqueue(report.pk))
    return report


def set_round_status(round_: ReportingRound, status: str) -> ReportingRound:
    round_.status = status
    round_.save(update_fields=["status"])
    return round_


def mark_reminded(report_ids, when=None) -> None:
    UnitReport.objects.filter(pk__in=list(report_ids)).update(reminded_at=when or timezone.now())
