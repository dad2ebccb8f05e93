"""Background jobs for actions: the e-mail digest of stale actions for their contact persons.

``send_stale_action_reminders`` is a daily job (registered in ``ActionsConfig.ready``; ``manage.py
run_daily_jobs`` enqueues it). It sends each contact person one e-mail per
organisation listing their stale actions (see :mod:`.rules`) that they have not been reminded about
within the organisation's ``stale_reminder_interval_days``, and notes the reminder on those actions.
Reminders before reporting deadlines belong to the reporting rounds.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import task


@task()
def send_stale_action_reminders(organisation_id: int | None = None) -> int:
    """Send the stale-action digests of one organisation (or of every active one); returns how many."""
    from hallbar.organisations.models import Organisation

    organisations = Organisation.objects.filter(is_active=True)
    if organisation_id is not None:
        organisations = organisations.filter(pk=organisation_id)
    return sum(send_digests(organisation) for organisation in organisations)


def send_digests(organisation, now=None) -> int:
    from . import queries, services

    now = now or timezone.now()
    sent = 0
    for person, actions in queries.stale_actions_to_remind(organisation, now).items():
        send_digest(person, organisation, actions)
        services.mark_reminded([action.pk for action in actions], now)  # after each e-mail: no double sends
        sent += 1
    return sent


def send_digest(person, organisation, actions) -> None:
    site_url = settings.HALLBAR_SITE_URL.rstrip("/")
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "Hållbar: %(count)d of your actions needs a progress update",
            "Hållbar: %(count)d of your actions need a progress update",
            len(actions),
        ) % {"count": len(actions)}
        body = render_to_string(
            "actions/email/stale_digest.txt",
            {
                "person": person,
                "organisation": organisation,
                "actions": actions,
                "site_url": site_url,
                "my_actions_path": reverse("actions:mine"),
            },
        )
    send_mail(subject, body, None, [person.email])
