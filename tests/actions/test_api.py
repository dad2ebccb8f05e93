"""The actions API: reads scoped, writes through the services, progress by contact persons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action, ProgressUpdate
from tests.plans.factories import GoalFactory

from .factories import ActionFactory, ActionPlanFactory, ProgressUpdateFactory, action_for
from .test_queries import quiet_for


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_and_filters_are_scoped(world_a, world_b, api):
    mine = action_for(world_a.organisation, world_a.unit)
    action_for(world_b.organisation, world_b.unit)
    stale = quiet_for(ActionFactory(organisation=world_a.organisation, status="delayed"), 200)
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/actions/")) == {mine.pk, stale.pk}
    assert ids(client.get("/api/v1/actions/?stale=true")) == {stale.pk}
    assert ids(client.get("/api/v1/actions/?status=delayed")) == {stale.pk}
    assert ids(client.get(f"/api/v1/actions/?action_plan={mine.action_plan_id}")) == {mine.pk}
    assert client.get("/api/v1/actions/?status=bogus").status_code == 400
    row = client.get(f"/api/v1/actions/{mine.pk}/").json()
    assert row["goals"] and row["indicators"] and row["budget_sek"] == "1250000"
    assert ids(client.get(f"/api/v1/progress-updates/?action={mine.pk}")) == {mine.progress_updates.get().pk}


def test_create_goes_through_the_services(world_a, world_b, api):
    goal = GoalFactory(plan__organisation=world_a.organisation)
    client = api(world_a.user(Role.EDITOR))
    data = {
        "organisation": world_a.organisation.pk,
        "title": "Energieffektivisering",
        "responsible_unit": world_a.unit.pk,
        "status": "done",
        "goals": [goal.pk],
    }
    response = client.post("/api/v1/actions/", data, format="json")
    assert response.status_code == 201, response.content
    action = Action.objects.get(pk=response.json()["id"])
    assert action.end_date == timezone.localdate() and list(action.goals.all()) == [goal]

    response = client.post("/api/v1/actions/", {**data, "responsible_unit": world_a.sibling.pk}, format="json")
    assert response.status_code == 403
    foreign_goal = GoalFactory(plan__organisation=world_b.organisation)
    response = client.post("/api/v1/actions/", {**data, "goals": [foreign_goal.pk]}, format="json")
    assert response.status_code == 400 and "goals" in response.json()
    response = client.post(
        "/api/v1/actions/", {**data, "start_date": "2026-05-01", "end_date": "2026-04-01"}, format="json"
    )
    assert response.status_code == 400 and "end_date" in response.json()
    assert Action.objects.count() == 1


def test_update_and_guarded_delete(world_a, world_b, api):
    action = ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    client = api(world_a.user(Role.EDITOR))
    response = client.patch(f"/api/v1/actions/{action.pk}/", {"title": "Nytt"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Nytt"
    response = client.patch(f"/api/v1/actions/{action.pk}/", {"organisation": world_b.organisation.pk}, format="json")
    assert response.status_code == 400
    ProgressUpdateFactory(action=action)
    response = client.delete(f"/api/v1/actions/{action.pk}/")
    assert response.status_code == 400 and "dependents" in response.json()
    plan = ActionPlanFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    assert client.delete(f"/api/v1/action-plans/{plan.pk}/").status_code == 204


@pytest.mark.parametrize(
    ("role", "contact", "expected"), [("reader", True, 201), ("reader", False, 403), ("editor", False, 201)]
)
def test_progress_updates_by_contact_persons_and_editors(role, contact, expected, world_a, api):
    user = world_a.user(role)
    action = ActionFactory(
        organisation=world_a.organisation, responsible_unit=world_a.unit, contact_person=user if contact else None
    )
    response = api(user).post(
        "/api/v1/progress-updates/", {"action": action.pk, "text": "Framsteg", "status": "delayed"}, format="json"
    )
    assert response.status_code == expected, response.content
    action.refresh_from_db()
    assert (action.status == "delayed") is (expected == 201)


def test_progress_updates_are_not_changed_or_deleted(world_a, api):
    update = ProgressUpdateFactory(action__organisation=world_a.organisation)
    client = api(world_a.user(Role.COORDINATOR))
    assert client.patch(f"/api/v1/progress-updates/{update.pk}/", {"text": "x"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/progress-updates/{update.pk}/").status_code == 405
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        "/api/v1/progress-updates/", {"action": update.action_id, "text": "x", "date": future}, format="json"
    )
    assert response.status_code == 400 and "date" in response.json()
    assert ProgressUpdate.objects.count() == 1
