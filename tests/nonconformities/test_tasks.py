"""The daily reminder to owners whose effectiveness check date has passed."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.core.jobs import daily_jobs
from hallbar.nonconformities.models import Nonconformity, Stage
from hallbar.nonconformities.tasks import send_effectiveness_reminders, send_reminders

from .factories import nonconformity


def due(world, owner, title, days_ago=1, **fields):
    return nonconformity(
        world.organisation,
        title=title,
        owner=owner,
        effectiveness_due=timezone.localdate() - timedelta(days=days_ago),
        **fields,
    )


def test_each_owner_gets_one_reminder_of_their_due_checks(world_a, world_b):
    editor, reader = world_a.user(Role.EDITOR), world_a.user(Role.READER)
    reader.language = "en"
    reader.save()
    first = due(world_a, editor, "Spill vid tankning")
    due(world_a, editor, "Felsortering", days_ago=10)
    due(world_a, reader, "Buller")
    due(world_a, editor, "Inte än", days_ago=-3)
    verified = due(world_a, editor, "Redan verifierad")
    Nonconformity.objects.filter(pk=verified.pk).update(stage=Stage.VERIFIED)
    due(world_a, None, "Utan ägare")
    due(world_b, world_b.user(Role.EDITOR), "B:s avvikelse")

    assert send_effectiveness_reminders.call(world_a.organisation.pk) == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {editor.email, reader.email}
    body = by_person[editor.email].body
    assert "Spill vid tankning" in body and "Felsortering" in body
    assert "Inte än" not in body and "Redan verifierad" not in body
    assert first.reference in body and first.get_absolute_url() in body
    english = by_person[reader.email]
    assert english.subject == "Hållbar: the effectiveness check of 1 nonconformity is due"
    assert "Buller" in english.body and "?overdue=on" in english.body


def test_not_repeated_within_the_interval(world_a):
    due(world_a, world_a.user(Role.EDITOR), "Spill")
    now = timezone.now()
    assert send_reminders(world_a.organisation, now) == 1
    assert send_reminders(world_a.organisation, now + timedelta(days=29)) == 0
    assert send_reminders(world_a.organisation, now + timedelta(days=30)) == 1
    assert len(mail.outbox) == 2


def test_registered_as_a_daily_job():
    assert send_effectiveness_reminders in daily_jobs().values()
