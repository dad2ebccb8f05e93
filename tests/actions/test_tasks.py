"""The stale-action digest: one e-mail per contact person, not repeated within the interval."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.actions.tasks import send_stale_action_reminders
from tests.factories import MembershipFactory, UserFactory

from .factories import ActionFactory, FollowUpSettingsFactory
from .test_queries import quiet_for


def stale_action(world, contact, title, days=150):
    action = ActionFactory(organisation=world.organisation, title=title, contact_person=contact)
    return quiet_for(action, days)


def test_each_contact_person_gets_one_digest_of_their_stale_actions(world_a, world_b):
    editor, reader = world_a.user(Role.EDITOR), world_a.user(Role.READER)
    reader.language = "en"
    reader.save()
    stale_action(world_a, editor, "Solceller på skolan")
    stale_action(world_a, editor, "Cykelparkering")
    stale_action(world_a, reader, "Matsvinn", days=143)
    ActionFactory(organisation=world_a.organisation, title="Färsk", contact_person=editor)
    stale_action(world_a, None, "Utan kontaktperson")
    stale_action(world_b, world_b.user(Role.EDITOR), "B:s åtgärd")

    assert send_stale_action_reminders.call(world_a.organisation.pk) == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {editor.email, reader.email}
    body = by_person[editor.email].body
    assert "Solceller på skolan" in body and "Cykelparkering" in body and "Färsk" not in body
    assert f"/actions/{Action.objects.get(title='Cykelparkering').pk}/" in body
    english = by_person[reader.email]
    assert "No update for 143 days" in english.body and "1 of your actions needs" in english.subject
    assert Action.objects.filter(stale_reminded_at__isnull=False).count() == 3


def test_reminders_are_not_repeated_within_the_interval(world_a):
    editor = world_a.user(Role.EDITOR)
    action = stale_action(world_a, editor, "Solceller")
    FollowUpSettingsFactory(organisation=world_a.organisation, stale_reminder_interval_days=30)
    send_stale_action_reminders.call()
    send_stale_action_reminders.call()
    assert len(mail.outbox) == 1
    Action.objects.filter(pk=action.pk).update(stale_reminded_at=timezone.now() - timedelta(days=31))
    send_stale_action_reminders.call()
    assert len(mail.outbox) == 2


def test_inactive_people_and_former_members_get_nothing(world_a):
    gone = UserFactory()
    membership = MembershipFactory(user=gone, organisation=world_a.organisation, role=Role.EDITOR)
    stale_action(world_a, gone, "Lämnad åtgärd")
    membership.is_active = False
    membership.save()
    deactivated = world_a.user(Role.AUDITOR)
    stale_action(world_a, deactivated, "Revisorns åtgärd")
    deactivated.is_active = False
    deactivated.save()
    assert send_stale_action_reminders.call() == 0
    assert mail.outbox == []


def test_the_daily_jobs_command_queues_the_job(world_a):
    stale_action(world_a, world_a.user(Role.EDITOR), "Solceller")
    call_command("run_daily_jobs")  # immediate backend in tests: runs at once
    assert len(mail.outbox) == 1
    call_command("run_daily_jobs", "--now")
    assert len(mail.outbox) == 1  # reminded already
