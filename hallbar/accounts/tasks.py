"""Background jobs for people: e-mail goes out through the task queue, not inside the request."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipient: str) -> None:
    send_mail(subject, body, None, [recipient])
