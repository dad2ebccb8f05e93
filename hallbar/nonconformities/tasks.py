"""Background jobs for nonconformities: reminding owners of effectiveness checks that are due.

``send_effectiveness_reminders`` is a daily job (registered in ``NonconformitiesConfig.ready``;
``manage.py run_daily_jobs`` enqueues it). Each owner gets one e-mail per organisation listing their
nonconformities whose planned effectiveness check date has passed while they are not yet verified
(see ``queries.effectiveness_checks_due``), at most every ``stale_reminder_interval_days`` of the
organisation's follow-up settings (the same rhythm as the reminders about stale actions).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy
from django_tasks import task

from hallbar.accounts.reminders import active_organisations, remind

SUBJECT = ngettext_lazy(
    "Hållbar: the effectiveness check of %(count)d nonconformity is due",
    "Hållbar: the effectiveness checks of %(count)d nonconformities are due",
    "count",
)


@task()
def send_effectiveness_reminders(organisation_id: int | None = None) -> int:
    """Send the reminders of one organisation (or of every active one); returns how many e-mails."""
    return sum(send_reminders(organisation) for organisation in active_organisations(organisation_id))


def send_reminders(organisation, now=None) -> int:
    from hallbar.actions.queries import follow_up_settings

    from . import queries
    from .models import Nonconformity

    now = now or timezone.now()
    interval = timedelta(days=follow_up_settings(organisation).stale_reminder_interval_days)
    sent = 0
    for owner, rows in queries.effectiveness_checks_due(organisation, timezone.localdate(now)).items():
        rows = [
            row
            for row in rows
            if row.effectiveness_reminded_at is None or row.effectiveness_reminded_at <= now - interval
        ]
        if not rows:
            continue
        remind(
            owner,
            SUBJECT,
            "nonconformities/email/effectiveness_reminder.txt",
            {
                "organisation": organisation,
                "nonconformities": rows,
                "list_path": reverse("nonconformities:list") + "?overdue=on",
            },
            count=len(rows),
        )
        # After each e-mail, so a failure later does not send this one twice. Not a change: no history.
        Nonconformity.objects.filter(pk__in=[row.pk for row in rows]).update(effectiveness_reminded_at=now)
        sent += 1
    return sent
