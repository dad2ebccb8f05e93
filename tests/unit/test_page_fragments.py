"""Cached page parts (``{% fragment %}``, ``organisations.content``): served from the cache until a write
raises the organisation's content version, then built again."""

import pytest
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.actions.models import FollowUpSettings
from hallbar.frameworks.loader import load_all
from hallbar.indicators.models import IndicatorValue
from hallbar.organisations import content
from hallbar.organisations.models import ContentVersion, Organisation
from hallbar.plans.models import Target
from tests.actions.factories import ActionFactory
from tests.indicators.factories import indicator_for
from tests.unit.test_libraries import V1, V2, write

pytestmark = pytest.mark.django_db


def english_reader(world, client_for):
    client = client_for(world.user(Role.READER))
    client.cookies["hallbar_language"] = "en"
    return client


def test_the_indicator_page_shows_a_changed_target_at_once(world_a, client_for):
    indicator = indicator_for(world_a.organisation)
    target = Target.objects.get(indicator=indicator)
    client = english_reader(world_a, client_for)
    url = reverse("indicators:detail", args=[indicator.pk])
    assert target.title in client.get(url).content.decode()
    # A write without a model signal leaves the cached part as it was: the page is served from the cache ...
    Target.objects.filter(pk=target.pk).update(title="Tyst ändring")
    assert "Tyst ändring" not in client.get(url).content.decode()
    # ... a save (form, API, import) raises the version, and the next request builds the part again.
    target.title = "Halverade utsläpp"
    target.save()
    assert "Halverade utsläpp" in client.get(url).content.decode()


def test_the_goal_page_shows_a_changed_value_and_a_new_action(world_a, client_for):
    indicator = indicator_for(world_a.organisation)
    goal = Target.objects.get(indicator=indicator).goal
    client = english_reader(world_a, client_for)
    url = reverse("plans:goal", args=[goal.pk])
    assert "7.5" not in client.get(url).content.decode()
    value = IndicatorValue.objects.get(indicator=indicator, year=2023)
    value.value = 7.5
    value.save()
    assert "7.5" in client.get(url).content.decode()  # the chart's data table
    action = ActionFactory(organisation=world_a.organisation, title="Laddstolpar vid skolorna")
    action.goals.add(goal)
    assert "Laddstolpar vid skolorna" in client.get(url).content.decode()


def test_the_dashboard_part_follows_the_user(world_a, client_for):
    indicator_for(world_a.organisation)
    ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, title="Cykelbanor")
    reader = english_reader(world_a, client_for)
    assert "1 action" in reader.get(reverse("web:dashboard")).content.decode()
    ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, title="Solceller")
    assert "2 actions" in reader.get(reverse("web:dashboard")).content.decode()


def test_shared_data_raises_every_organisations_version(world_a, world_b):
    content.bump(world_a.organisation.pk)
    content.bump(world_b.organisation.pk)
    before = dict(ContentVersion.objects.values_list("organisation_id", "number"))
    content.bump_all()
    after = dict(ContentVersion.objects.values_list("organisation_id", "number"))
    assert all(after[pk] == number + 1 for pk, number in before.items())


def test_a_new_library_version_raises_every_organisations_version(world_a, world_b, tmp_path):
    content.bump(world_a.organisation.pk)
    content.bump(world_b.organisation.pk)
    load_all([write(tmp_path, "test.yaml", V1)])
    before = dict(ContentVersion.objects.values_list("organisation_id", "number"))
    load_all([write(tmp_path, "test.yaml", V2)])  # the framework items' names on goal and indicator pages
    after = dict(ContentVersion.objects.values_list("organisation_id", "number"))
    assert all(after[pk] > number for pk, number in before.items())


def test_the_follow_up_settings_retire_the_dashboard_part(world_a):
    before = content.version(Organisation.objects.get(pk=world_a.organisation.pk))
    FollowUpSettings.objects.create(organisation=world_a.organisation, stale_after_days=7)  # "stale" changes
    assert content.version(Organisation.objects.get(pk=world_a.organisation.pk)) > before
