"""Read models: the list's focus and flags, and who is reminded of due effectiveness checks."""

from datetime import timedelta

from django.utils import timezone

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.actions.services import update_action
from hallbar.nonconformities import queries

from .conftest import corrective_action
from .factories import nonconformity


def test_list_follows_the_focused_unit_and_flags_overdue(world_a):
    today = timezone.localdate()
    mine = nonconformity(world_a.organisation, title="Enhetens", responsible_unit=world_a.unit, effectiveness_due=today)
    nonconformity(world_a.organisation, title="Syskonets", responsible_unit=world_a.sibling)
    whole = nonconformity(world_a.organisation, title="Hela organisationens")
    action = corrective_action(whole)
    update_action(action, end_date=today - timedelta(days=1))
    scope = Scope(world_a.user(Role.READER), world_a.organisation, focus=world_a.administration)
    rows = {row.title: row for row in queries.nonconformity_list(scope, today=today)}
    assert set(rows) == {mine.title, whole.title}
    assert not rows[mine.title].effectiveness_overdue and not rows[mine.title].has_overdue_actions
    assert rows[whole.title].has_overdue_actions
    later = {row.title: row for row in queries.nonconformity_list(scope, today=today + timedelta(days=1))}
    assert later[mine.title].effectiveness_overdue
    update_action(action, status="done")
    assert not queries.nonconformity_list(scope, today=today, overdue=True).exists()


def test_reminders_skip_owners_who_left(world_a):
    editor = world_a.user(Role.EDITOR)
    nonconformity(world_a.organisation, owner=editor, effectiveness_due=timezone.localdate() - timedelta(days=2))
    assert list(queries.effectiveness_checks_due(world_a.organisation)) == [editor]
    Membership.objects.filter(user=editor).update(is_active=False)
    assert queries.effectiveness_checks_due(world_a.organisation) == {}
