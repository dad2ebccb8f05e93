"""The overdue-review reminder: coordinators of organisations whose register is past its review date."""

from datetime import date, timedelta

from django.core import mail
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.aspects.models import Activity, AspectReview, AspectSettings
from hallbar.aspects.tasks import send_overdue_review_reminders, send_reminders
from hallbar.core.jobs import daily_jobs
from tests.factories import MembershipFactory, UserFactory

from .factories import ActivityFactory, AspectReviewFactory


def overdue_register(world, days=400):
    activity = ActivityFactory(organisation=world.organisation, unit=world.unit)
    Activity.objects.filter(pk=activity.pk).update(created_at=timezone.now() - timedelta(days=days))
    return activity


def test_the_reminder_is_a_daily_job():
    assert "hallbar.aspects.tasks.send_overdue_review_reminders" in daily_jobs()


def test_coordinators_are_reminded_of_an_overdue_review(world_a, world_b):
    overdue_register(world_a)
    overdue_register(world_b, days=30)  # B's register is not due yet
    coordinator = world_a.user(Role.COORDINATOR)
    coordinator.language = "en"
    coordinator.save()
    unit_coordinator = UserFactory()
    MembershipFactory(user=unit_coordinator, organisation=world_a.organisation, unit=world_a.unit, role="coordinator")

    assert send_overdue_review_reminders.call() == 2  # A's coordinator and administrator
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {coordinator.email, world_a.user(Role.ADMINISTRATOR).email}
    english = by_person[coordinator.email]
    assert english.subject == "Hållbar: the review of the sustainability aspects is overdue"
    assert f"{world_a.unit.name}: due " in english.body and "/aspects/reviews/new/" in english.body
    assert AspectSettings.objects.get(organisation=world_a.organisation).review_reminded_on == timezone.localdate()


def test_reminders_are_repeated_monthly_and_stop_after_a_review(world_a):
    overdue_register(world_a)
    today = timezone.localdate()
    assert send_reminders(world_a.organisation, today) == 2
    assert send_reminders(world_a.organisation, today + timedelta(days=29)) == 0
    assert send_reminders(world_a.organisation, today + timedelta(days=30)) == 2
    AspectReviewFactory(organisation=world_a.organisation, reviewed_by=world_a.user(Role.COORDINATOR), date=today)
    assert send_reminders(world_a.organisation, today + timedelta(days=90)) == 0
    assert len(mail.outbox) == 4
    assert AspectReview.objects.count() == 1


def test_nothing_is_sent_without_activities(world_a):
    assert send_reminders(world_a.organisation, date(2030, 1, 1)) == 0
    assert not mail.outbox
