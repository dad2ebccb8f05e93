"""Sharing, changing, withdrawing, saving and copying good examples; the library's filters."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hallbar.actions.models import Action
from hallbar.examples import queries, services
from hallbar.examples.models import Example, ExampleOrigin, SavedExample, Theme
from hallbar.organisations.models import County
from tests.actions.factories import ActionFactory, ActionPlanFactory, action_for
from tests.plans.factories import plan_tree_for

from .factories import example_for, sdg_target, share, withdrawn_example_for

pytestmark = pytest.mark.django_db


def test_themes_are_loaded_from_the_versioned_list():
    keys = set(Theme.objects.values_list("key", flat=True))
    assert {"climate", "energy", "transport", "food", "chemicals", "procurement", "biodiversity", "social"} <= keys


def test_sharing_an_action_keeps_its_organisation_unit_and_links(world_a):
    action = action_for(world_a.organisation, world_a.unit)
    example = share(action, framework_items=[sdg_target("12.3")], user=world_a.user("editor"))
    assert example.organisation == world_a.organisation
    assert example.unit == world_a.unit
    assert example.source_action == action
    assert [goal.pk for goal in example.goals.all()] == [goal.pk for goal in action.goals.all()]
    assert {theme.key for theme in example.themes.all()} == {"transport", "climate"}
    assert example.result_value == Decimal("12.5") and example.result_unit == "ton CO2e per år"


def test_initial_values_come_from_the_action(world_a):
    action = action_for(world_a.organisation, world_a.unit)
    initial = services.initial_from_action(action)
    assert initial["title"] == "Laddinfrastruktur"
    assert initial["cost_sek"] == Decimal("1250000")  # no outcome yet: the budget
    assert initial["contact_email"] == action.contact_person.email


def test_an_example_needs_a_theme_and_a_unit_for_its_number(world_a):
    action = action_for(world_a.organisation, world_a.unit)
    with pytest.raises(ValidationError) as error:
        share(action, themes=())
    assert "themes" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        share(action, result_unit="")
    assert error.value.message_dict["result_unit"] == ["Give the unit of the result's number."]
    assert not Example.objects.exists()


def test_goals_of_another_organisation_are_refused(world_a, world_b):
    action = action_for(world_a.organisation, world_a.unit)
    foreign_goal = plan_tree_for(world_b.organisation, world_b.unit).goals.first()
    with pytest.raises(ValidationError) as error:
        services.share_action(
            action,
            user=world_a.user("editor"),
            title="x",
            what_was_done="x",
            result_text="x",
            contact_name="x",
            contact_email="x@example.se",
            themes=Theme.objects.filter(key="energy"),
            goals=[foreign_goal],
        )
    assert error.value.message_dict["goals"] == ["The goals must be your own organisation's."]


def test_editing_and_withdrawing(world_a):
    example = example_for(world_a.organisation, world_a.unit)
    services.update_example(example, title="Laddplatser, etapp 2", themes=Theme.objects.filter(key="energy"))
    example.refresh_from_db()
    assert example.title == "Laddplatser, etapp 2"
    assert [theme.key for theme in example.themes.all()] == ["energy"]
    SavedExample.objects.create(user=world_a.user("reader"), example=example)
    services.withdraw(example)
    assert example.withdrawn_at is not None
    assert not Example.objects.visible().filter(pk=example.pk).exists()
    assert not SavedExample.objects.filter(example=example).exists()
    with pytest.raises(ValidationError):
        services.update_example(example, title="Igen")
    with pytest.raises(ValidationError):
        services.copy_to_plan(example, organisation=world_a.organisation, title="Kopia")


def test_saving_toggles(world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    reader = world_a.user("reader")
    assert services.toggle_saved(reader, example) is True
    assert list(queries.saved_for(reader)) == [example]
    assert services.toggle_saved(reader, example) is False
    assert not queries.saved_for(reader).exists()


def test_copying_creates_an_action_in_the_own_plan_with_a_link_back(world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    plan = ActionPlanFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    action = services.copy_to_plan(
        example,
        organisation=world_a.organisation,
        title="Laddplatser hos oss",
        action_plan=plan,
        responsible_unit=world_a.unit,
    )
    assert (action.organisation, action.action_plan, action.responsible_unit) == (
        world_a.organisation,
        plan,
        world_a.unit,
    )
    assert action.status == Action.Status.NOT_STARTED
    assert "B kommun" in action.description and example.what_was_done in action.description
    origin = queries.origin_of(action)
    assert (origin.example, origin.example_title, origin.example_organisation) == (example, example.title, "B kommun")
    assert queries.copy_count(example) == 1
    assert [o.action for o in queries.copies_in(example, world_a.organisation.pk)] == [action]
    services.withdraw(example)
    origin = queries.origin_of(action)
    assert origin.example is None and origin.example_title == example.title


def test_copying_into_another_organisations_plan_is_refused(world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    foreign_plan = ActionPlanFactory(organisation=world_b.organisation)
    with pytest.raises(ValidationError):
        services.copy_to_plan(example, organisation=world_a.organisation, title="x", action_plan=foreign_plan)
    assert not ExampleOrigin.objects.exists()


def test_library_filters(world_a, world_b, places):
    linkoping, ale = places
    ours = example_for(world_a.organisation, world_a.unit, framework_items=[sdg_target("12.3")])
    theirs = share(
        ActionFactory(organisation=world_b.organisation),
        user=world_b.user("editor"),
        title="Solceller på skolor",
        themes=("energy",),
        what_was_done="Solceller på tio skolor.",
    )
    withdrawn = withdrawn_example_for(world_b.organisation, world_b.unit)

    def titles(**filters):
        return {example.title for example in queries.library(**filters)}

    assert withdrawn.title not in titles()
    assert titles() == {ours.title, theirs.title}
    assert titles(text="solceller skolor") == {theirs.title}
    assert titles(text="förskolor laddplatser") == {ours.title}
    assert titles(theme=Theme.objects.get(key="energy")) == {theirs.title}
    assert titles(theme=Theme.objects.get(key="transport")) == {ours.title}
    assert titles(framework_item=sdg_target("12.3")) == {ours.title}
    assert titles(framework_item=sdg_target("12.3").parent) == {ours.title}  # the goal covers its targets
    assert titles(skr_group=linkoping.skr_group) == {ours.title}
    assert titles(skr_group=ale.skr_group) == {theirs.title}
    assert titles(county=ale.county) == {theirs.title}
    assert titles(county=County.objects.exclude(pk__in=[linkoping.county_id, ale.county_id]).first()) == set()
    assert list(queries.framework_item_choices()) == [sdg_target("12.3")]


def test_shared_by_lists_the_examples_of_the_given_organisations(world_a, world_b):
    ours = example_for(world_a.organisation, world_a.unit)
    theirs = example_for(world_b.organisation, world_b.unit)
    withdrawn_example_for(world_b.organisation, world_b.unit)
    assert list(queries.shared_by([world_a.organisation])) == [ours]
    assert set(queries.shared_by([world_a.organisation.pk, world_b.organisation.pk])) == {ours, theirs}
