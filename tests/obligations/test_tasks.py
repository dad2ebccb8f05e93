"""The overdue-evaluation reminder: one e-mail per responsible person, not repeated within the interval."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.obligations import rules
from hallbar.obligations.models import Obligation
from hallbar.obligations.tasks import send_overdue_evaluation_reminders
from tests.factories import MembershipFactory, UserFactory

from .factories import ObligationFactory


def overdue(world, person, title, days=10, **fields):
    return ObligationFactory(
        organisation=world.organisation,
        title=title,
        responsible_person=person,
        next_evaluation_date=timezone.localdate() - timedelta(days=days),
        **fields,
    )


def test_each_responsible_person_gets_one_reminder_of_their_overdue_evaluations(world_a, world_b):
    editor, reader = world_a.user(Role.EDITOR), world_a.user(Role.READER)
    reader.language = "en"
    reader.save()
    overdue(world_a, editor, "Egenkontroll")
    overdue(world_a, editor, "Köldmedier")
    overdue(world_a, reader, "Buller", reference="SFS 1998:899")
    ObligationFactory(organisation=world_a.organisation, title="I tid", responsible_person=editor)
    overdue(world_a, editor, "Upphävd", status=Obligation.Status.REPEALED)
    overdue(world_a, None, "Utan ansvarig")
    overdue(world_b, world_b.user(Role.EDITOR), "B:s krav")

    assert send_overdue_evaluation_reminders.call(world_a.organisation.pk) == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {editor.email, reader.email}
    body = by_person[editor.email].body
    assert "Egenkontroll" in body and "Köldmedier" in body and "I tid" not in body and "Upphävd" not in body
    assert f"/obligations/{Obligation.objects.get(title='Köldmedier').pk}/" in body
    english = by_person[reader.email]
    assert "the compliance evaluation of 1 obligation is overdue" in english.subject
    assert "Buller (SFS 1998:899)" in english.body and "/obligations/?overdue=on" in english.body
    assert Obligation.objects.filter(overdue_reminded_at__isnull=False).count() == 3


def test_reminders_are_not_repeated_within_the_interval(world_a):
    obligation = overdue(world_a, world_a.user(Role.EDITOR), "Egenkontroll")
    send_overdue_evaluation_reminders.call()
    send_overdue_evaluation_reminders.call()
    assert len(mail.outbox) == 1
    earlier = timezone.now() - timedelta(days=rules.REMINDER_INTERVAL_DAYS + 1)
    Obligation.objects.filter(pk=obligation.pk).update(overdue_reminded_at=earlier)
    send_overdue_evaluation_reminders.call()
    assert len(mail.outbox) == 2


def test_inactive_people_and_former_members_get_nothing(world_a):
    gone = UserFactory()
    membership = MembershipFactory(user=gone, organisation=world_a.organisation, role=Role.EDITOR)
    overdue(world_a, gone, "Lämnat krav")
    membership.is_active = False
    membership.save()
    deactivated = world_a.user(Role.AUDITOR)
    overdue(world_a, deactivated, "Revisorns krav")
    deactivated.is_active = False
    deactivated.save()
    assert send_overdue_evaluation_reminders.call() == 0
    assert mail.outbox == []


def test_the_daily_jobs_command_queues_the_job(world_a):
    overdue(world_a, world_a.user(Role.EDITOR), "Egenkontroll")
    call_command("run_daily_jobs")  # immediate backend in tests: runs at once
    assert [message.to for message in mail.outbox] == [[world_a.user(Role.EDITOR).email]]
