"""Background jobs for people. E-mail goes out through the task queue, not inside the request.

The queue stores only ids: secret links (invitation and password-reset tokens) are created inside
the job, so a working link never sits in the task table or in its backups.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task


def _absolute(site_url: str, path: str) -> str:
    return (site_url or settings.HALLBAR_SITE_URL).rstrip("/") + path


@task()
def send_invitation(invitation_id: int, site_url: str = "") -> None:
    """Give the invitation a fresh secret token and e-mail the link to it."""
    from .models import Invitation, hash_token

    invitation = Invitation.objects.select_related("organisation", "unit", "invited_by").get(pk=invitation_id)
    token = Invitation.new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(token))
    link = _absolute(site_url, reverse("accounts:accept-invitation", args=[token]))
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to Hållbar – %(organisation)s") % {"organisation": invitation.organisation.name}
        body = render_to_string("accounts/email/invitation.txt", {"invitation": invitation, "link": link})
    send_mail(subject, body, None, [invitation.email])


@task()
def send_password_reset(user_id: int, site_url: str = "") -> None:
    """E-mail a one-time link to choose a new password."""
    from .models import User

    user = User.objects.get(pk=user_id, is_active=True)
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/password_reset_subject.txt").strip()
        body = render_to_string("accounts/email/password_reset.txt", {"link": _absolute(site_url, path)})
    send_mail(subject, body, None, [user.email])
