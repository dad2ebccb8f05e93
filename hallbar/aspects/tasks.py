"""Background jobs for the aspects register: reminding coordinators of an overdue review.

``send_overdue_review_reminders`` is a daily job (registered in ``AspectsConfig.ready``; ``manage.py
run_daily_jobs`` enqueues it). For each organisation whose register (or a unit's part of it) is past its
next review date (:func:`hallbar.aspects.queries.review_status`), every coordinator and administrator
of the whole organisation gets one e-mail listing the overdue parts. While the review stays overdue the
reminder is repeated every ``REMIND_AGAIN_AFTER_DAYS`` days, not daily.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from hallbar.accounts.reminders import active_organisations, remind

REMIND_AGAIN_AFTER_DAYS = 30


@task()
def send_overdue_review_reminders(organisation_id: int | None = None) -> int:
    """Remind the coordinators of one organisation (or of every active one); returns the e-mails sent."""
    return sum(send_reminders(organisation) for organisation in active_organisations(organisation_id))


def send_reminders(organisation, today=None) -> int:
    from . import queries, services

    today = today or timezone.localdate()
    status = queries.review_status(organisation, today)
    if not status.overdue:
        return 0
    reminded = queries.aspect_settings(organisation).review_reminded_on
    if reminded is not None and reminded > today - timedelta(days=REMIND_AGAIN_AFTER_DAYS):
        return 0
    services.ensure_settings(organisation)  # somewhere to remember the reminder
    people = list(queries.coordinators(organisation))
    for person in people:
        remind(
            person,
            gettext_lazy("Hållbar: the review of the sustainability aspects is overdue"),
            "aspects/email/overdue_review.txt",
            {"organisation": organisation, "status": status, "review_path": reverse("aspects:review-create")},
        )
    services.mark_review_reminded(organisation, today)
    return len(people)
