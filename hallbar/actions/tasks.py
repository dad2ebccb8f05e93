"""Background jobs for actions: the e-mail digest of stale actions for their contact persons.

``send_stale_action_reminders`` is a daily job (registered in ``ActionsConfig.ready``; ``manage.py
run_daily_jobs`` enqueues it). It sends each contact person one e-mail per
organisation listing their stale actions (see :mod:`.rules`) that they have not been reminded about
within the organisation's ``stale_reminder_interval_days``, and notes the reminder on those actions.
Reminders before reporting deadlines belong to the reporting rounds.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy
from django_tasks import task

from hallbar.accounts.reminders import active_organisations, remind

SUBJECT = ngettext_lazy(
    "Hållbar: %(count)d of your actions needs a progress update",
    "Hållbar: %(count)d of your actions need a progress update",
    "count",
)


@task()
def send_stale_action_reminders(organisation_id: int | None = None) -> int:
    """Send the stale-action digests of one organisation (or of every active one); returns how many."""
    return sum(send_digests(organisation) for organisation in active_organisations(organisation_id))


def send_digests(organisation, now=None) -> int:
    from . import queries, services

    now = now or timezone.now()
    sent = 0
    for person, actions in queries.stale_actions_to_remind(organisation, now).items():
        remind(
            person,
            SUBJECT,
            "actions/email/stale_digest.txt",
            {"organisation": organisation, "actions": actions, "my_actions_path": reverse("actions:mine")},
            count=len(actions),
        )
        services.mark_reminded([action.pk for action in actions], now)  # after each e-mail: no double sends
        sent += 1
    return sent
