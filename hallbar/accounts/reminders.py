"""Reminder e-mails of the daily jobs (stale actions, overdue evaluations, due effectiveness checks,
overdue aspect reviews …): one e-mail to one person, in that person's language, with links to the site.

A daily job loops over :func:`active_organisations`, picks the people and records for each, and calls
:func:`remind`; the subject is a lazy (plural) string that the person's language is applied to.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def active_organisations(organisation_id: int | None = None):
    """Every active organisation, or just the one asked for (a job run for one organisation)."""
    from hallbar.organisations.models import Organisation

    organisations = Organisation.objects.filter(is_active=True)
    return organisations if organisation_id is None else organisations.filter(pk=organisation_id)


def remind(person, subject, template: str, context: dict, count: int | None = None) -> None:
    """Send ``template`` (rendered with ``person``, ``site_url`` and ``context``) to ``person``.

    ``subject`` is a ``gettext_lazy`` string, or an ``ngettext_lazy(singular, plural, "count")`` one
    with ``count`` given: it is filled in as ``%(count)d``.
    """
    with translation.override(person.language or settings.LANGUAGE_CODE):
        text = str(subject % {"count": count} if count is not None else subject)
        body = render_to_string(
            template, {"person": person, "site_url": settings.HALLBAR_SITE_URL.rstrip("/"), **context}
        )
    send_mail(text, body, None, [person.email])
