"""The public pages: publication rules (404s), addresses, content and metadata, without logging in."""

import pytest
from django.conf import settings
from django.test import override_settings

from hallbar.actions.models import Action
from hallbar.organisations import content
from hallbar.organisations.models import Organisation
from hallbar.portal import services
from hallbar.portal.models import PortalSettings
from hallbar.portal.publishable import home_url, public_url
from tests.actions.factories import action_for
from tests.indicators.factories import indicator_for
from tests.plans.factories import GoalFactory, TargetFactory, plan_tree_for

from .factories import portal_on, published

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode() if status == 200 else response


def test_a_closed_portal_answers_not_found_everywhere(world_a, client):
    goal = plan_tree_for(world_a.organisation).goals.get()
    services.publish(goal)
    organisation = world_a.organisation
    page(client, home_url(organisation), 404)
    page(client, public_url(goal, organisation), 404)
    portal_on(organisation)
    page(client, public_url(goal, organisation))
    PortalSettings.objects.filter(organisation=organisation).update(is_enabled=False)
    content.bump(organisation.pk)
    page(client, public_url(goal, organisation), 404)
    page(client, "/kommun/no-such-organisation/", 404)


def test_unpublished_records_answer_not_found(world_a, client):
    plan = plan_tree_for(world_a.organisation)
    portal_on(world_a.organisation)
    indicator = indicator_for(world_a.organisation)
    action_plan = action_for(world_a.organisation).action_plan
    for obj in (plan, plan.goals.get(), indicator, action_plan):
        page(client, public_url(obj, world_a.organisation), 404)
    published(indicator)
    page(client, public_url(indicator, world_a.organisation))


def test_another_organisations_record_under_this_slug_answers_not_found(world_a, world_b, client):
    portal_on(world_a.organisation)
    goal_b = published(plan_tree_for(world_b.organisation).goals.get())
    indicator_b = published(indicator_for(world_b.organisation))
    action_plan_b = published(action_for(world_b.organisation).action_plan)
    for obj in (goal_b, indicator_b, action_plan_b, published(goal_b.plan)):
        assert client.get(public_url(obj, world_b.organisation)).status_code == 200
        assert client.get(public_url(obj, world_a.organisation)).status_code == 404
    for fmt in ("csv", "json"):
        assert client.get(f"{home_url(world_a.organisation)}data/mal/{goal_b.pk}.{fmt}").status_code == 404


def test_home_lists_only_published_records(world_a, client):
    plan = published(plan_tree_for(world_a.organisation))
    hidden = GoalFactory(plan=plan, title="Hemligt utkast")
    indicator = published(indicator_for(world_a.organisation))
    body = page(client, home_url(world_a.organisation))
    assert "Klimatplan" in body and indicator.title in body
    assert "Hemligt utkast" not in body and "Fossilfri kommun" not in body
    assert public_url(plan, world_a.organisation) in body
    assert hidden.pk


def test_page_metadata_language_and_no_internal_menu(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    goal.description = "Kommunen ska vara fossilfri 2030."
    goal.save()
    body = page(client, public_url(goal, world_a.organisation))
    assert '<html lang="en">' in body
    assert "<title>Fossilfri kommun – A kommun</title>" in body
    assert '<meta name="description" content="Kommunen ska vara fossilfri 2030.">' in body
    assert '<meta property="og:title" content="Fossilfri kommun">' in body
    assert f'<meta property="og:url" content="http://testserver{public_url(goal, world_a.organisation)}">' in body
    assert "portal.css" in body
    assert 'class="main-nav"' not in body and "Log out" not in body
    assert "Accessibility statement" in body and "Open data catalogue" in body
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert '<html lang="sv">' in page(client, public_url(goal, world_a.organisation))


def test_wrong_title_slug_or_kind_prefix_redirects_to_the_address(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    address = public_url(goal, world_a.organisation)
    assert address == f"/kommun/a-kommun/mal/{goal.pk}-fossilfri-kommun/"
    response = client.get(f"/kommun/a-kommun/mal/{goal.pk}-old-title/")
    assert response.status_code == 301 and response["Location"] == address
    response = client.get(f"/region/a-kommun/mal/{goal.pk}-fossilfri-kommun/")
    assert response.status_code == 301 and response["Location"] == address
    Organisation.objects.filter(pk=world_a.organisation.pk).update(kind=Organisation.Kind.REGION)
    world_a.organisation.refresh_from_db()
    assert public_url(goal, world_a.organisation).startswith("/region/a-kommun/")


def test_public_pages_only_answer_reading(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    for method in ("post", "put", "delete"):
        assert getattr(client, method)(public_url(goal, world_a.organisation)).status_code == 405


def test_plan_page_shows_published_goals_with_target_status(world_a, client):
    plan = published(plan_tree_for(world_a.organisation))
    indicator_for(world_a.organisation)  # values that give the target a status
    goal = published(plan.goals.get())
    hidden = GoalFactory(plan=plan, title="Opublicerat mål")
    TargetFactory(goal=hidden, title="Opublicerat delmål")
    body = page(client, public_url(plan, world_a.organisation))
    assert "Fossilfri kommun" in body and public_url(goal, world_a.organisation) in body
    assert "Minskade utsläpp" in body
    assert "Opublicerat" not in body
    assert "Off track" in body or "At risk" in body or "On track" in body


def test_goal_page_has_targets_status_chart_with_table_and_downloads(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    indicator = indicator_for(world_a.organisation)
    body = page(client, public_url(goal, world_a.organisation))
    assert "Minskade utsläpp" in body
    assert "4.5 ton CO2e/invånare (2019) → 1 ton CO2e/invånare (2030)" in body
    assert "At risk" in body  # the target's status belongs to the goal
    assert "Download as CSV" in body and f"/data/mal/{goal.pk}.csv" in body
    # The indicator is not published: neither its chart nor a link to its page.
    assert 'data-chart="line"' not in body and public_url(indicator, world_a.organisation) not in body
    published(indicator)
    body = page(client, public_url(goal, world_a.organisation))
    assert 'data-chart="line"' in body and "Show the data as a table" in body
    assert public_url(indicator, world_a.organisation) in body


def test_indicator_page_has_values_table_chart_and_no_comments(world_a, client):
    indicator = published(indicator_for(world_a.organisation))
    indicator.values.filter(year=2023).update(comment="Intern anteckning om beräkningen")
    content.bump(world_a.organisation.pk)
    body = page(client, public_url(indicator, world_a.organisation))
    assert "Values for the whole organisation" in body
    for year, value in [("2019", "4.5"), ("2023", "3.6")]:
        assert f'<th scope="row">{year}</th>' in body and value in body
    assert 'data-chart="line"' in body
    assert "Intern anteckning" not in body
    # Its target's goal is not published, so the target is not shown either.
    assert "Minskade utsläpp" not in body
    published(plan_tree_for(world_a.organisation).goals.get())
    assert "Minskade utsläpp" in page(client, public_url(indicator, world_a.organisation))


def test_action_plan_page_shows_progress_without_people_or_notes(world_a, client):
    action = action_for(world_a.organisation)
    action_plan = published(action.action_plan)
    body = page(client, public_url(action_plan, world_a.organisation))
    assert "Laddinfrastruktur" in body and "40 % complete" in body and "Ongoing" in body
    assert action.contact_person.email not in body and action.contact_person.full_name not in body
    assert "Tio laddplatser" not in body  # the progress update's text stays internal
    assert "1 250 000" not in body  # budgets are not published


def test_accessibility_statement(world_a, client):
    portal_on(
        world_a.organisation,
        compliance=PortalSettings.Compliance.PARTIAL,
        non_accessible_content="Kartorna saknar textalternativ.",
        contact_email="tillganglighet@a.example.se",
    )
    body = page(client, f"{home_url(world_a.organisation)}tillganglighet/")
    assert "partially compliant" in body
    assert "Kartorna saknar textalternativ." in body
    assert "mailto:tillganglighet@a.example.se" in body
    assert "https://www.digg.se/tdosanmalan" in body
    assert "Date of the assessment" in body


@override_settings(HALLBAR_CONTENT_CACHE_SECONDS=0)
def test_a_page_reads_a_fixed_number_of_queries(world_a, client, django_assert_max_num_queries):
    action = action_for(world_a.organisation)
    action_plan = published(action.action_plan)
    for index in range(5):
        Action.objects.create(organisation=world_a.organisation, action_plan=action_plan, title=f"Åtgärd {index}")
    with django_assert_max_num_queries(12):
        page(client, public_url(action_plan, world_a.organisation))


def test_cached_pages_switch_language_without_a_csrf_token(world_a, client):
    from django.test import Client

    goal = published(plan_tree_for(world_a.organisation).goals.get())
    url = public_url(goal, world_a.organisation)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    first = page(client, url)  # cached in Swedish by one visitor, served to the next
    assert "csrfmiddlewaretoken" not in first
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(url)["X-Portal-Cache"] == "hit"
    response = visitor.post("/portal/language/", {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert '<html lang="en">' in visitor.get(url).content.decode()
    assert visitor.get("/portal/language/").status_code == 405


def test_an_unpublished_indicator_gives_its_target_a_status_but_no_projection(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    indicator = indicator_for(world_a.organisation)
    body = page(client, public_url(goal, world_a.organisation))
    assert "At risk" in body and "by the target year" not in body  # the trend comes from unpublished values
    published(indicator)
    assert "by the target year" in page(client, public_url(goal, world_a.organisation))


def test_action_descriptions_stay_internal(world_a, client):
    action = action_for(world_a.organisation)
    Action.objects.filter(pk=action.pk).update(description="Intern beskrivning av upphandlingen")
    action_plan = published(action.action_plan)
    assert "Intern beskrivning" not in page(client, public_url(action_plan, world_a.organisation))


def test_a_signed_in_visitor_is_not_rendered_into_the_cached_page(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    coordinator = world_a.user("coordinator")
    client.force_login(coordinator)
    body = page(client, public_url(goal, world_a.organisation))
    assert coordinator.email not in body and coordinator.full_name not in body  # what is stored for everyone
