"""The action pages: create and edit by unit, progress posting with and without htmx, markers, permissions."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions import services
from hallbar.actions.models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from tests.plans.factories import GoalFactory

from .factories import ActionFactory, ActionPlanFactory, ProgressUpdateFactory, action_for
from .test_queries import quiet_for


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def action_data(world, **overrides):
    data = {
        "title": "Byt till LED-belysning",
        "responsible_unit": world.unit.pk,
        "contact_person": world.user(Role.EDITOR).pk,
        "status": "not_started",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "budget_sek": "250000",
        "outcome_sek": "",
    }
    return {**data, **overrides}


def test_coordinator_builds_an_action_plan_with_an_action(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("actions:plan-create"),
        {"title": "Åtgärdsplan 2026", "valid_from_year": "2026", "valid_to_year": "2027"},
    )
    assert response.status_code == 302, response.context["form"].errors
    action_plan = ActionPlan.objects.get(title="Åtgärdsplan 2026")
    assert action_plan.organisation == world_a.organisation

    goal = GoalFactory(plan__organisation=world_a.organisation, title="Fossilfri kommun")
    form = client.get(reverse("actions:create") + f"?action_plan={action_plan.pk}&goal={goal.pk}")
    assert form.context["form"].initial["action_plan"] == action_plan.pk
    response = client.post(reverse("actions:create"), action_data(world_a, action_plan=action_plan.pk, goals=[goal.pk]))
    assert response.status_code == 302, response.context["form"].errors
    action = Action.objects.get(title="Byt till LED-belysning")
    assert (action.action_plan, list(action.goals.all()), action.budget_sek) == (action_plan, [goal], 250000)
    page = client.get(action_plan.get_absolute_url()).content.decode()
    assert "Byt till LED-belysning" in page
    assert "Fossilfri kommun" in client.get(action.get_absolute_url()).content.decode()


def test_form_errors_name_the_field(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("actions:create"), action_data(world_a, end_date="2025-01-01"))
    assert response.status_code == 200 and "end_date" in response.context["form"].errors
    response = client.post(reverse("actions:create"), action_data(world_a, budget_sek="-5"))
    assert "budget_sek" in response.context["form"].errors
    assert not Action.objects.exists()


def test_editor_creates_and_edits_only_for_their_units(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration
    assert client.get(reverse("actions:create")).status_code == 200
    assert client.get(reverse("actions:plan-create")).status_code == 200

    response = client.post(reverse("actions:create"), action_data(world_a, responsible_unit=world_a.sibling.pk))
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    response = client.post(reverse("actions:create"), action_data(world_a))
    assert response.status_code == 302
    own = Action.objects.get()

    other = ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    for name in ("edit", "delete"):
        assert client.get(reverse(f"actions:{name}", args=[other.pk])).status_code == 403
        assert client.post(reverse(f"actions:{name}", args=[other.pk]), action_data(world_a)).status_code == 403
    assert client.post(reverse("actions:progress", args=[other.pk]), {"text": "x"}).status_code == 403
    response = client.post(reverse("actions:edit", args=[own.pk]), action_data(world_a, title="Nytt namn"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Nytt namn"
    other.refresh_from_db()
    assert other.title != "Byt till LED-belysning"


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_and_auditors_read_only(role, world_a, client_for):
    action = action_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(role))
    for url in [
        reverse("actions:list"),
        reverse("actions:mine"),
        reverse("actions:plan-list"),
        action.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("actions:create"),
        reverse("actions:plan-create"),
        reverse("actions:edit", args=[action.pk]),
        reverse("actions:delete", args=[action.pk]),
        reverse("actions:plan-edit", args=[action.action_plan.pk]),
        reverse("actions:progress", args=[action.pk]),
        reverse("actions:settings"),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Ändrad", "text": "Ändrad"}).status_code == 403, url
    assert 'name="text"' not in client.get(action.get_absolute_url()).content.decode()


def test_contact_person_posts_progress_without_javascript(world_a, client_for):
    reader = world_a.user(Role.READER)
    action = ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling, contact_person=reader)
    client = client_for(reader)
    assert 'name="text"' in client.get(action.get_absolute_url()).content.decode()
    response = client.post(
        reverse("actions:progress", args=[action.pk]),
        {"text": "Halvvägs.", "status": "ongoing", "percent_complete": "50"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/actions/{action.pk}/#progress")
    action.refresh_from_db()
    assert action.percent_complete == 50 and action.last_progress_at is not None
    assert ProgressUpdate.objects.get().author == reader

    response = client.post(reverse("actions:progress", args=[action.pk]), {"text": "", "status": "ongoing"})
    assert response.status_code == 200 and "text" in response.context["form"].errors
    assert ProgressUpdate.objects.count() == 1


def test_progress_posted_in_place_with_htmx(world_a, english):
    action = ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("actions:progress", args=[action.pk])
    response = english.post(url, {"text": "Levererat.", "status": "done"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="progress"' in body and "Levererat." in body and "The progress update was posted." in body
    assert 'id="action-status" hx-swap-oob="true"' in body and "Done" in body
    action.refresh_from_db()
    assert action.status == "done" and action.end_date == timezone.localdate()

    response = english.post(url, {"text": "", "status": "done"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = english.post(url, {"text": "Snart", "status": "done", "date": future}, headers={"HX-Request": "true"})
    assert "cannot be in the future" in response.content.decode()
    assert action.progress_updates.count() == 1


def test_stale_actions_are_marked_with_symbol_and_text(world_a, english):
    stale = quiet_for(
        ActionFactory(organisation=world_a.organisation, title="Tyst åtgärd", responsible_unit=world_a.unit), 143
    )
    ActionFactory(organisation=world_a.organisation, title="Aktiv åtgärd", responsible_unit=world_a.unit)
    english.force_login(world_a.user(Role.READER))
    page = english.get(reverse("actions:list")).content.decode()
    assert "No update for 143 days" in page and '<span aria-hidden="true">◷</span>' in page
    page = english.get(reverse("actions:list") + "?stale=on").content.decode()
    assert "Tyst åtgärd" in page and "Aktiv åtgärd" not in page
    assert "No update for 143 days" in english.get(stale.get_absolute_url()).content.decode()


def test_list_filters(world_a, client_for):
    action_plan = ActionPlanFactory(organisation=world_a.organisation)
    ActionFactory(organisation=world_a.organisation, title="I planen", action_plan=action_plan)
    ActionFactory(organisation=world_a.organisation, title="Klar sedan länge", status="done")
    ActionFactory(organisation=world_a.organisation, title="Sen", end_date=timezone.localdate() - timedelta(days=3))
    client = client_for(world_a.user(Role.READER))
    url = reverse("actions:list")

    def titles(query):
        return {a.title for a in client.get(url + query).context["actions"]}

    assert titles(f"?action_plan={action_plan.pk}") == {"I planen"}
    assert titles("?action_plan=none") == {"Klar sedan länge", "Sen"}
    assert titles("?status=done") == {"Klar sedan länge"}
    assert titles("?overdue=on") == {"Sen"}
    assert len(titles("?status=bogus")) == 3  # a bad value is ignored, not an error


def test_unit_switcher_narrows_the_list(world_a, client_for):
    ActionFactory(organisation=world_a.organisation, title="Enhetens", responsible_unit=world_a.unit)
    ActionFactory(organisation=world_a.organisation, title="Grannens", responsible_unit=world_a.sibling)
    client = client_for(world_a.user(Role.READER))
    client.post(reverse("web:switch-unit"), {"unit": world_a.administration.pk})
    assert {a.title for a in client.get(reverse("actions:list")).context["actions"]} == {"Enhetens"}


def test_guarded_delete_names_the_progress_updates(world_a, english):
    action = ProgressUpdateFactory(action__organisation=world_a.organisation).action
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("actions:delete", args=[action.pk]), follow=True)
    assert Action.objects.filter(pk=action.pk).exists()
    assert "1 progress update:" in response.content.decode()
    empty = ActionFactory(organisation=world_a.organisation)
    assert english.post(reverse("actions:delete", args=[empty.pk])).status_code == 302
    assert not Action.objects.filter(pk=empty.pk).exists()


def test_follow_up_settings_for_coordinators_only(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))
    assert client.get(reverse("actions:settings")).status_code == 403
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("actions:settings")).status_code == 200
    data = {"stale_after_days": "90", "stale_reminder_interval_days": "14", "remind_days_before_deadline": "7"}
    assert client.post(reverse("actions:settings"), data).status_code == 302
    saved = FollowUpSettings.objects.get(organisation=world_a.organisation)
    assert (saved.stale_after_days, saved.remind_days_before_deadline) == (90, 7)
    response = client.post(reverse("actions:settings"), {**data, "stale_after_days": "3"})
    assert "stale_after_days" in response.context["form"].errors


def build(world, count):
    reader = world.user(Role.READER)
    action_plan = ActionPlan.objects.filter(organisation=world.organisation).first() or ActionPlanFactory(
        organisation=world.organisation
    )
    goal = GoalFactory(plan__organisation=world.organisation)
    for _ in range(count):
        action = ActionFactory(
            organisation=world.organisation, responsible_unit=world.unit, contact_person=reader, action_plan=action_plan
        )
        services.update_action(action, reason=goal, goals=[goal])
        ProgressUpdateFactory(action=action, author=reader)
    return action_plan


@pytest.mark.parametrize("page", ["list", "mine", "plan-list", "plan-detail", "detail"])
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    action_plan = build(world_a, 2)

    def url():
        if page == "plan-detail":
            return reverse("actions:plan-detail", args=[action_plan.pk])
        if page == "detail":
            return Action.objects.last().get_absolute_url()
        return reverse(f"actions:{page}")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url()).status_code == 200
    build(world_a, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url()).status_code == 200


def test_reason_is_shown_as_a_link(world_a, english):
    goal = GoalFactory(plan__organisation=world_a.organisation, title="Giftfri förskola")
    action = services.create_action(organisation=world_a.organisation, title="Inventera leksaker", reason=goal)
    english.force_login(world_a.user(Role.READER))
    page = english.get(action.get_absolute_url()).content.decode()
    assert f'<a href="{goal.get_absolute_url()}">Goal: Giftfri förskola</a>' in page


def test_goal_include_for_the_plan_page(world_a, english, django_assert_num_queries):
    from django.template.loader import render_to_string
    from django.utils import translation

    from hallbar.plans.models import Goal

    goal = GoalFactory(plan__organisation=world_a.organisation, title="Fossilfri kommun")
    empty = GoalFactory(plan=goal.plan)
    late = services.create_action(
        organisation=world_a.organisation, title="Sen åtgärd", end_date=timezone.localdate() - timedelta(days=1)
    )
    services.update_action(late, goals=[goal])
    goals = list(Goal.objects.filter(plan=goal.plan).prefetch_related("actions").order_by("pk"))
    with translation.override("en"), django_assert_num_queries(0):
        html = [render_to_string("actions/includes/goal_actions.html", {"goal": g}) for g in goals]
    assert "Sen åtgärd" in html[0] and "Overdue" in html[0] and "Actions for Fossilfri kommun" in html[0]
    assert "No actions for this goal yet." in html[1] and empty.pk == goals[1].pk
