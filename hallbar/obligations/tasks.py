"""Background jobs for compliance obligations: reminders about overdue evaluations.

``send_overdue_evaluation_reminders`` is a daily job (registered in ``ObligationsConfig.ready``;
``manage.py run_daily_jobs`` enqueues it). It sends each responsible person one e-mail per
organisation listing the obligations whose evaluation is overdue (see :mod:`.rules`) and that they
have not been reminded about within ``rules.REMINDER_INTERVAL_DAYS``, and notes the reminder on them.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy
from django_tasks import task

from hallbar.accounts.reminders import active_organisations, remind

SUBJECT = ngettext_lazy(
    "Hållbar: the compliance evaluation of %(count)d obligation is overdue",
    "Hållbar: the compliance evaluations of %(count)d obligations are overdue",
    "count",
)


@task()
def send_overdue_evaluation_reminders(organisation_id: int | None = None) -> int:
    """Send the reminders of one organisation (or of every active one); returns how many e-mails."""
    return sum(send_reminders(organisation) for organisation in active_organisations(organisation_id))


def send_reminders(organisation, now=None) -> int:
    from . import queries, services

    now = now or timezone.now()
    sent = 0
    for person, obligations in queries.overdue_to_remind(organisation, now).items():
        remind(
            person,
            SUBJECT,
            "obligations/email/overdue_reminder.txt",
            {
                "organisation": organisation,
                "obligations": obligations,
                "register_path": reverse("obligations:list") + "?overdue=on",
            },
            count=len(obligations),
        )
        services.mark_reminded([obligation.pk for obligation in obligations], now)  # after each e-mail
        sent += 1
    return sent
