"""Public pages are cached and retired when the data behind them changes."""

import pytest

from hallbar.actions import services as action_services
from hallbar.indicators.models import IndicatorValue
from hallbar.organisations.models import ContentVersion
from hallbar.portal import services
from hallbar.portal.publishable import home_url, public_url
from tests.actions.factories import action_for
from tests.indicators.factories import indicator_for
from tests.plans.factories import plan_tree_for

from .factories import published

pytestmark = pytest.mark.django_db


def version(organisation) -> int:
    return ContentVersion.objects.get(organisation=organisation).number


def test_second_visit_is_served_from_the_cache(world_a, client):
    indicator = published(indicator_for(world_a.organisation))
    url = public_url(indicator, world_a.organisation)
    assert client.get(url)["X-Portal-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Portal-Cache"] == "hit" and second.status_code == 200
    assert second["Content-Type"].startswith("text/html")
    assert indicator.title in second.content.decode()


def test_a_changed_value_appears_after_invalidation(world_a, client):
    indicator = published(indicator_for(world_a.organisation))
    url = public_url(indicator, world_a.organisation)
    assert "3.6" in client.get(url).content.decode()
    before = version(world_a.organisation)
    # A write that sends no model signal leaves the cached page as it was ...
    IndicatorValue.objects.filter(indicator=indicator, year=2023).update(value=2.7)
    cached = client.get(url)
    assert cached["X-Portal-Cache"] == "hit" and "2.7" not in cached.content.decode()
    # ... a save (form, API, Kolada sync) raises the version, and the next visitor sees the change.
    value = IndicatorValue.objects.get(indicator=indicator, year=2023)
    value.value = 2.5
    value.save()
    assert version(world_a.organisation) > before
    fresh = client.get(url)
    assert fresh["X-Portal-Cache"] == "miss" and "2.5" in fresh.content.decode()


def test_progress_on_an_action_retires_the_action_plan_page(world_a, client):
    action = action_for(world_a.organisation)
    action_plan = published(action.action_plan)
    url = public_url(action_plan, world_a.organisation)
    assert "40 % complete" in client.get(url).content.decode()
    action_services.post_progress(action, author=action.contact_person, text="Klart snart", percent_complete=85)
    assert "85 % complete" in client.get(url).content.decode()


def test_unpublishing_takes_the_page_down_at_once(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    url = public_url(goal, world_a.organisation)
    home = home_url(world_a.organisation)
    assert client.get(url).status_code == 200 and goal.title in client.get(home).content.decode()
    services.unpublish(goal)
    assert client.get(url).status_code == 404
    assert goal.title not in client.get(home).content.decode()


def test_other_organisations_changes_leave_the_cache_alone(world_a, world_b, client):
    indicator = published(indicator_for(world_a.organisation))
    url = public_url(indicator, world_a.organisation)
    client.get(url)
    other = indicator_for(world_b.organisation)
    other.title = "Ändrad"
    other.save()
    assert client.get(url)["X-Portal-Cache"] == "hit"


def test_each_language_is_cached_on_its_own(world_a, client):
    from django.conf import settings

    indicator = published(indicator_for(world_a.organisation))
    url = public_url(indicator, world_a.organisation)
    assert '<html lang="en">' in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = client.get(url)
    assert swedish["X-Portal-Cache"] == "miss" and '<html lang="sv">' in swedish.content.decode()


def test_an_import_job_retires_the_pages(world_a, client):
    """The import pipeline writes values in bulk (no per-row signals); its job's save raises the version."""
    from tests.imports.factories import job_for

    indicator = published(indicator_for(world_a.organisation))
    client.get(public_url(indicator, world_a.organisation))
    before = version(world_a.organisation)
    job = job_for(world_a.organisation)
    assert version(world_a.organisation) > before
    before = version(world_a.organisation)
    job.save()
    assert version(world_a.organisation) == before + 1
    assert client.get(public_url(indicator, world_a.organisation))["X-Portal-Cache"] == "miss"


def test_linking_a_goal_to_a_framework_item_retires_the_pages(world_a):
    from hallbar.frameworks.models import FrameworkItem

    goal = plan_tree_for(world_a.organisation).goals.get()
    before = version(world_a.organisation)
    goal.framework_items.add(FrameworkItem.objects.exclude(local_goals=goal).first())
    assert version(world_a.organisation) == before + 1


def test_a_query_string_neither_bypasses_nor_adds_to_the_cache(world_a, client):
    indicator = published(indicator_for(world_a.organisation))
    url = public_url(indicator, world_a.organisation)
    assert client.get(url)["X-Portal-Cache"] == "miss"
    assert client.get(f"{url}?x=1")["X-Portal-Cache"] == "hit"
    assert client.get(f"{url}?x=2")["X-Portal-Cache"] == "hit"
