"""Actions through the services: validation, the generic reason, progress updates and the status rules."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.actions import queries, services
from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused
from hallbar.history.context import acting_as
from hallbar.history.models import ChangeRecord
from tests.factories import MembershipFactory, UserFactory
from tests.indicators.factories import IndicatorFactory
from tests.plans.factories import GoalFactory, PlanFactory, TargetFactory

from .factories import ActionFactory, ActionPlanFactory, ProgressUpdateFactory, action_for


@pytest.fixture(autouse=True)
def english():
    """The services' messages are asserted in English (the source language)."""
    with translation.override("en"):
        yield


def new_action(world, **fields):
    return services.create_action(organisation=world.organisation, title=fields.pop("title", "Solceller"), **fields)


def test_create_action_with_everything(world_a):
    goal = GoalFactory(plan__organisation=world_a.organisation)
    target = TargetFactory(goal=goal)
    indicator = IndicatorFactory(organisation=world_a.organisation)
    action = new_action(
        world_a,
        responsible_unit=world_a.unit,
        contact_person=world_a.user(Role.EDITOR),
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        budget_sek=Decimal("500000"),
        outcome_sek=Decimal("120000"),
        goals=[goal],
        targets=[target],
        indicators=[indicator],
    )
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED
    assert (list(action.goals.all()), list(action.targets.all()), list(action.indicators.all())) == (
        [goal],
        [target],
        [indicator],
    )
    assert action.budget_sek == Decimal("500000") and action.reason is None


@pytest.mark.parametrize(
    ("field", "foreign"),
    [
        ("responsible_unit", lambda b: b.unit),
        ("action_plan", lambda b: ActionPlanFactory(organisation=b.organisation)),
        ("contact_person", lambda b: b.user(Role.EDITOR)),
    ],
)
def test_foreign_links_are_refused_naming_the_field(field, foreign, world_a, world_b):
    with pytest.raises(ValidationError) as refused:
        new_action(world_a, **{field: foreign(world_b)})
    assert field in refused.value.message_dict
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("field", "foreign"),
    [
        ("goals", lambda b: GoalFactory(plan__organisation=b.organisation, title="Främmande mål")),
        ("targets", lambda b: TargetFactory(goal__plan__organisation=b.organisation, title="Främmande mål")),
        ("indicators", lambda b: IndicatorFactory(organisation=b.organisation, title="Främmande mål")),
    ],
)
def test_foreign_goals_targets_and_indicators_are_refused(field, foreign, world_a, world_b):
    with pytest.raises(ValidationError) as refused:
        new_action(world_a, **{field: [foreign(world_b)]})
    assert "Främmande mål" in refused.value.message_dict[field][0]
    assert not Action.objects.exists()  # nothing half-written


def test_end_before_start_is_refused(world_a):
    with pytest.raises(ValidationError) as refused:
        new_action(world_a, start_date=date(2026, 5, 1), end_date=date(2026, 4, 1))
    assert "end_date" in refused.value.message_dict


def test_contact_person_must_be_an_active_member(world_a):
    outsider = UserFactory()
    with pytest.raises(ValidationError, match="member"):
        new_action(world_a, contact_person=outsider)
    former = UserFactory()
    MembershipFactory(user=former, organisation=world_a.organisation, is_active=False)
    with pytest.raises(ValidationError):
        new_action(world_a, contact_person=former)


def test_any_object_can_be_the_reason_and_actions_for_finds_it(world_a, world_b):
    goal = GoalFactory(plan__organisation=world_a.organisation)  # stands in for a risk, a finding …
    first = new_action(world_a, reason=goal, title="Åtgärd 1")
    new_action(world_a, reason=goal, title="Åtgärd 2")
    new_action(world_a, title="Utan orsak")
    assert [a.title for a in queries.actions_for(goal)] == ["Åtgärd 1", "Åtgärd 2"]
    assert first.reason == goal and Action.objects.for_reason(goal).count() == 2

    foreign = GoalFactory(plan__organisation=world_b.organisation)
    with pytest.raises(ValidationError) as refused:
        new_action(world_a, reason=foreign)
    assert "reason" in refused.value.message_dict
    scope_b = Scope(world_b.user(Role.READER), world_b.organisation)
    assert not queries.actions_for(goal, scope_b).exists()


def test_update_action_keeps_links_unless_given(world_a):
    goal = GoalFactory(plan__organisation=world_a.organisation)
    action = new_action(world_a, goals=[goal])
    services.update_action(action, title="Nytt namn")
    assert list(action.goals.all()) == [goal]
    services.update_action(action, goals=[])
    assert not action.goals.exists()


def test_done_sets_the_end_date_and_keeps_a_given_one(world_a):
    action = new_action(world_a, status=Action.Status.DONE)
    assert action.end_date == timezone.localdate()
    given = new_action(world_a, status=Action.Status.DONE, end_date=date(2025, 3, 1))
    assert given.end_date == date(2025, 3, 1)
    future = new_action(world_a, status=Action.Status.DONE, start_date=timezone.localdate() + timedelta(days=10))
    assert future.end_date == future.start_date  # never before the start


def test_progress_update_moves_status_last_progress_and_percent(world_a):
    action = new_action(world_a)
    author = world_a.user(Role.EDITOR)
    update = services.post_progress(
        action, author=author, text="Upphandlat.", status=Action.Status.ONGOING, percent_complete=30
    )
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == (Action.Status.ONGOING, 30)
    assert action.last_progress_at == update.created_at
    assert update.date == timezone.localdate()

    services.post_progress(action, author=author, text="Klart.", status=Action.Status.DONE, date=date(2026, 1, 15))
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.percent_complete == 100
    assert action.end_date == date(2026, 1, 15)

    services.post_progress(action, author=author, text="Bara en kommentar.")  # status stays
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


def test_progress_update_validation(world_a):
    action = new_action(world_a)
    author = world_a.user(Role.EDITOR)
    with pytest.raises(ValidationError) as refused:
        services.post_progress(action, author=author, text="", percent_complete=120)
    assert {"text", "percent_complete"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError, match="future"):
        services.post_progress(action, author=author, text="Sen", date=timezone.localdate() + timedelta(days=1))
    action.refresh_from_db()
    assert action.last_progress_at is None and not action.progress_updates.exists()


def test_contact_person_may_post_progress_whatever_their_role(world_a, world_b):
    reader = world_a.user(Role.READER)
    own = new_action(world_a, contact_person=reader, responsible_unit=world_a.sibling)
    other = new_action(world_a, responsible_unit=world_a.sibling)
    scope = Scope(reader, world_a.organisation)
    assert services.can_post_progress(scope, own) and not services.can_post_progress(scope, other)
    editor = Scope(world_a.user(Role.EDITOR), world_a.organisation)  # editor of the administration
    assert not services.can_post_progress(editor, own)
    assert services.can_post_progress(editor, new_action(world_a, responsible_unit=world_a.unit))


def test_action_with_progress_updates_cannot_be_deleted(world_a):
    action = ProgressUpdateFactory(action__organisation=world_a.organisation).action
    with pytest.raises(DeletionRefused) as refused:
        services.delete_action(action)
    assert "progress update" in refused.value.message
    empty = ActionFactory(organisation=world_a.organisation)
    services.delete_action(empty)
    assert not Action.objects.filter(pk=empty.pk).exists()


def test_action_plan_validation_and_guarded_delete(world_a, world_b):
    plan = ActionPlanFactory.build(
        organisation=world_a.organisation, plan=PlanFactory(organisation=world_b.organisation), valid_to_year=2020
    )
    with pytest.raises(ValidationError) as refused:
        services.save_action_plan(plan)
    assert {"plan", "valid_to_year"} <= set(refused.value.message_dict)
    action_plan = ActionPlanFactory(organisation=world_a.organisation)
    ActionFactory(organisation=world_a.organisation, action_plan=action_plan)
    with pytest.raises(DeletionRefused):
        services.delete_action_plan(action_plan)


def test_changes_are_recorded(world_a):
    editor = world_a.user(Role.EDITOR)
    with acting_as(editor):
        action = action_for(world_a.organisation, world_a.unit)
        services.post_progress(action, author=editor, text="Försenat.", status=Action.Status.DELAYED)
    records = ChangeRecord.objects.filter(content_type__model="action", object_id=str(action.pk))
    assert records.filter(action="create").exists()
    status_changes = [r for r in records.filter(action="update") if "status" in r.changes]
    assert [(r.actor, r.changes["status"]) for r in status_changes] == [(editor, ["ongoing", "delayed"])]
    assert ChangeRecord.objects.filter(content_type__model="progressupdate", organisation=world_a.organisation).exists()
