"""E-mail about reporting rounds: reminders before the deadline, and news of submitted or returned reports.

``send_deadline_reminders`` is periodic: run it daily (``manage.py send_deadline_reminders`` from cron
or a systemd timer enqueues it; see docs/admin-guide.md). For every open round whose deadline is
within the organisation's ``remind_days_before_deadline`` (actions follow-up settings) and not yet
past, each unit that has not submitted gets one reminder, sent to the people who report for it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task


def _send(person, subject, params: dict, template: str, context: dict) -> None:
    """E-mail ``person`` in their language; ``subject`` is a lazy translation with %-placeholders."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = str(subject) % params
        body = render_to_string(
            template, {"person": person, "site_url": settings.HALLBAR_SITE_URL.rstrip("/"), **context}
        )
    send_mail(subject, body, None, [person.email])


@task()
def send_deadline_reminders() -> int:
    """Remind units that have not submitted, once per report; returns how many e-mails were sent."""
    from hallbar.actions.queries import follow_up_settings

    from . import services
    from .models import ReportingRound, UnitReport
    from .recipients import reporters

    today = timezone.localdate()
    sent = 0
    rounds = ReportingRound.objects.filter(status=ReportingRound.Status.OPEN, deadline__gte=today).select_related(
        "organisation"
    )
    for round_ in rounds:
        days = follow_up_settings(round_.organisation).remind_days_before_deadline
        if round_.deadline - timedelta(days=days) > today:
            continue
        waiting = round_.reports.filter(
            status__in=[UnitReport.Status.NOT_STARTED, UnitReport.Status.DRAFT, UnitReport.Status.RETURNED],
            reminded_at__isnull=True,
        ).select_related("unit")
        for report in waiting:
            for person in reporters(report):
                _send(
                    person,
                    _("Hållbar: the report for %(round)s is due on %(date)s"),
                    {"round": round_.title, "date": round_.deadline.isoformat()},
                    "reporting/email/deadline_reminder.txt",
                    {"report": report, "round": round_},
                )
                sent += 1
            services.mark_reminded([report.pk])
    return sent


@task()
def notify_submitted(report_id: int) -> int:
    """Tell the organisation's coordinators that a unit has submitted its report."""
    from .models import UnitReport
    from .recipients import reviewers

    report = UnitReport.objects.select_related("round", "unit").get(pk=report_id)
    people = list(reviewers(report.round.organisation_id))
    for person in people:
        _send(
            person,
            _("Hållbar: %(unit)s has submitted its report for %(round)s"),
            {"unit": report.unit.name, "round": report.round.title},
            "reporting/email/submitted.txt",
            {"report": report},
        )
    return len(people)


@task()
def notify_returned(report_id: int) -> int:
    """Tell the person who submitted a report that it was returned, with the coordinator's comment."""
    from .models import UnitReport

    report = UnitReport.objects.select_related("round", "unit", "submitted_by").get(pk=report_id)
    if report.submitted_by is None or not report.submitted_by.is_active:
        return 0
    _send(
        report.submitted_by,
        _("Hållbar: the report of %(unit)s for %(round)s was returned"),
        {"unit": report.unit.name, "round": report.round.title},
        "reporting/email/returned.txt",
        {"report": report},
    )
    return 1
