"""Stale and overdue rules (Python flags and database filters agree) and the read models."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.actions import queries, rules, services
from hallbar.actions.models import Action
from tests.plans.factories import GoalFactory

from .factories import ActionFactory, FollowUpSettingsFactory, ProgressUpdateFactory


def quiet_for(action: Action, days: int) -> Action:
    """Make the action's last activity ``days`` days ago (created then, no progress since)."""
    Action.objects.filter(pk=action.pk).update(created_at=timezone.now() - timedelta(days=days), last_progress_at=None)
    action.refresh_from_db()
    return action


def stale_in_db(action, days) -> bool:
    return Action.objects.stale(days).filter(pk=action.pk).exists()


@pytest.mark.parametrize(
    ("status", "quiet_days", "start_offset", "stale"),
    [
        (Action.Status.ONGOING, 143, None, True),
        (Action.Status.ONGOING, 120, None, True),  # exactly the threshold counts
        (Action.Status.ONGOING, 119, None, False),
        (Action.Status.DELAYED, 200, -10, True),
        (Action.Status.NOT_STARTED, 200, -1, True),
        (Action.Status.NOT_STARTED, 200, 30, False),  # starts later: nothing to report yet
        (Action.Status.DONE, 400, None, False),
        (Action.Status.CANCELLED, 400, None, False),
    ],
)
def test_stale_rule_in_python_and_database(world_a, status, quiet_days, start_offset, stale):
    start = timezone.localdate() + timedelta(days=start_offset) if start_offset is not None else None
    action = quiet_for(ActionFactory(organisation=world_a.organisation, status=status, start_date=start), quiet_days)
    assert rules.is_stale(action, 120) is stale
    assert stale_in_db(action, 120) is stale
    if stale:
        assert rules.days_without_update(action) == quiet_days


def test_a_progress_update_makes_an_action_fresh(world_a):
    action = quiet_for(ActionFactory(organisation=world_a.organisation), 200)
    assert stale_in_db(action, 120)
    services.post_progress(action, author=world_a.user(Role.EDITOR), text="Nu händer det.")
    assert not stale_in_db(action, 120) and not rules.is_stale(action, 120)


def test_overdue_rule(world_a):
    yesterday = timezone.localdate() - timedelta(days=1)
    overdue = ActionFactory(organisation=world_a.organisation, end_date=yesterday)
    done = ActionFactory(organisation=world_a.organisation, end_date=yesterday, status=Action.Status.DONE)
    today = ActionFactory(organisation=world_a.organisation, end_date=timezone.localdate())
    assert [rules.is_overdue(a) for a in (overdue, done, today)] == [True, False, False]
    assert list(Action.objects.overdue(timezone.localdate())) == [overdue]


def test_stale_actions_use_the_organisations_setting(world_a, world_b):
    action = quiet_for(ActionFactory(organisation=world_a.organisation), 60)
    quiet_for(ActionFactory(organisation=world_b.organisation), 300)
    assert list(queries.stale_actions(world_a.organisation)) == []
    FollowUpSettingsFactory(organisation=world_a.organisation, stale_after_days=30)
    assert list(queries.stale_actions(world_a.organisation)) == [action]


def test_my_actions_lists_every_reason_open_first(world_a, world_b):
    me = world_a.user(Role.READER)
    goal = GoalFactory(plan__organisation=world_a.organisation)
    plain = services.create_action(organisation=world_a.organisation, title="Från plan", contact_person=me)
    from_reason = services.create_action(
        organisation=world_a.organisation, title="Från orsak", contact_person=me, reason=goal
    )
    done = services.create_action(
        organisation=world_a.organisation, title="Klar", contact_person=me, status=Action.Status.DONE
    )
    services.create_action(organisation=world_a.organisation, title="Någon annans")
    mine = queries.my_actions(Scope(me, world_a.organisation))
    assert {a.pk for a in mine[:2]} == {plain.pk, from_reason.pk} and mine[2] == done
    assert all(hasattr(a, "is_stale") for a in mine)


def test_status_counts_by_unit(world_a, world_b):
    for status, unit in [
        (Action.Status.ONGOING, world_a.unit),
        (Action.Status.ONGOING, world_a.unit),
        (Action.Status.DONE, world_a.unit),
        (Action.Status.DELAYED, world_a.sibling),
        (Action.Status.NOT_STARTED, None),
    ]:
        ActionFactory(organisation=world_a.organisation, status=status, responsible_unit=unit)
    quiet_for(ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling), 400)
    ActionFactory(organisation=world_b.organisation, responsible_unit=world_b.unit)
    rows = queries.status_counts_by_unit(Scope(world_a.user(Role.READER), world_a.organisation))
    by_unit = {row["unit"]: row for row in rows}
    assert set(by_unit) == {None, world_a.unit, world_a.sibling}
    assert by_unit[world_a.unit]["counts"] == {
        "not_started": 0,
        "ongoing": 2,
        "done": 1,
        "delayed": 0,
        "cancelled": 0,
    }
    assert (by_unit[world_a.sibling]["total"], by_unit[world_a.sibling]["stale"]) == (2, 1)
    assert rows[0]["unit"] is None  # the whole organisation first, then the tree's order


def test_status_counts_follow_the_unit_focus(world_a):
    ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    scope = Scope(world_a.user(Role.READER), world_a.organisation, focus=world_a.administration)
    assert [row["unit"] for row in queries.status_counts_by_unit(scope)] == [world_a.unit]


def test_progress_between_and_latest_updates(world_a, world_b):
    action = ActionFactory(organisation=world_a.organisation)
    old = ProgressUpdateFactory(action=action, date=date(2026, 2, 1))
    new = ProgressUpdateFactory(action=action, date=date(2026, 5, 1))
    ProgressUpdateFactory(action__organisation=world_b.organisation, date=date(2026, 5, 1))
    scope = Scope(world_a.user(Role.READER), world_a.organisation)
    assert list(queries.progress_between(scope, date(2026, 4, 1), date(2026, 8, 31))) == [new]
    assert queries.latest_updates([action]) == {action.pk: new}
    assert old.pk != new.pk


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def test_read_models_take_a_fixed_number_of_queries(world_a):
    reader = world_a.user(Role.READER)
    goal = GoalFactory(plan__organisation=world_a.organisation)

    def grow(count):
        for _ in range(count):
            action = ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
            services.update_action(action, reason=goal, contact_person=reader)
            ProgressUpdateFactory(action=action)

    def read():
        scope = Scope(reader, world_a.organisation)
        rows = queries.my_actions(scope)
        [(str(a.reason), a.responsible_unit.name, a.contact_person.email, a.action_plan) for a in rows]
        queries.status_counts_by_unit(scope)
        queries.latest_updates(rows)
        [a.title for a in queries.stale_actions(world_a.organisation)]

    grow(2)
    small = count_queries(read)
    grow(10)
    assert count_queries(read) == small
