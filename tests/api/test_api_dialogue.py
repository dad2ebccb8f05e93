"""Citizen dialogue moderation through the API: coordinators only, the same services as the pages."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.dialogue.models import Contribution
from tests.dialogue.factories import contribution_for

from .helpers import ids

Status = Contribution.Status


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_only_coordinators_and_administrators_see_contributions(world_a, api, role):
    entry = contribution_for(world_a.organisation, email="medborgare@example.se")
    client = api(world_a.user(role))
    assert client.get("/api/v1/dialogue-contributions/").status_code == 403
    assert client.get(f"/api/v1/dialogue-contributions/{entry.pk}/").status_code == 403
    assert client.post(f"/api/v1/dialogue-contributions/{entry.pk}/approve/").status_code == 403
    entry.refresh_from_db()
    assert entry.status == Status.PENDING


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.COORDINATOR])
def test_the_list_per_goal_and_state(world_a, world_b, api, role):
    pending = contribution_for(world_a.organisation)
    rejected = contribution_for(world_a.organisation, status=Status.REJECTED, text="Köp reklam hos oss nu!")
    contribution_for(world_b.organisation)
    client = api(world_a.user(role))
    assert ids(client.get("/api/v1/dialogue-contributions/")) == {pending.pk, rejected.pk}
    assert ids(client.get("/api/v1/dialogue-contributions/", {"status": "pending", "goal": pending.goal_id})) == {
        pending.pk
    }
    row = client.get(f"/api/v1/dialogue-contributions/{rejected.pk}/").json()
    assert row["status"] == "rejected" and row["rejection_reason"] == "Spam" and row["action"] is None
    assert client.get("/api/v1/dialogue-contributions/", {"status": "lost"}).status_code == 400


def test_moderation_goes_through_the_services(world_a, api):
    entry = contribution_for(world_a.organisation)
    user = world_a.user(Role.COORDINATOR)
    client = api(user)
    url = f"/api/v1/dialogue-contributions/{entry.pk}"
    early = client.post(f"{url}/answer/", {"answer": "Tack!"})
    assert early.status_code == 400
    assert early.json()["answer"] == ["Only approved contributions can be answered publicly."]
    approved = client.post(f"{url}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    answered = client.post(f"{url}/answer/", {"answer": "  Tack, vi tittar på det.  "})
    assert answered.json()["answer"] == "Tack, vi tittar på det."
    made = client.post(f"{url}/make-action/", {"title": "Laddstolpar vid skolor"})
    assert made.status_code == 201, made.content
    action = Action.objects.get(pk=made.json()["action"])
    assert action.reason == entry and list(action.goals.all()) == [entry.goal]
    again = client.post(f"{url}/make-action/", {"title": "Igen"})
    assert again.json()["non_field_errors"] == ["This proposal has already become an action."]
    refused = client.post(f"{url}/reject/", {"reason": "Fel"})
    assert refused.status_code == 400
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.moderated_by == user


def test_a_rejection_needs_a_reason(world_a, api):
    entry = contribution_for(world_a.organisation)
    client = api(world_a.user(Role.ADMINISTRATOR))
    assert "reason" in client.post(f"/api/v1/dialogue-contributions/{entry.pk}/reject/", {}).json()
    rejected = client.post(f"/api/v1/dialogue-contributions/{entry.pk}/reject/", {"reason": "Reklam"})
    assert rejected.json()["status"] == "rejected"


def test_another_organisations_contributions_are_not_found(world_a, world_b, api):
    entry = contribution_for(world_b.organisation)
    client = api(world_a.user(Role.COORDINATOR))
    for step in ("", "approve/", "reject/", "answer/", "make-action/"):
        method = client.get if not step else client.post
        assert method(f"/api/v1/dialogue-contributions/{entry.pk}/{step}").status_code == 404, step
    entry.refresh_from_db()
    assert entry.status == Status.PENDING


def test_there_is_no_public_write(world_a, api):
    body = {"goal": contribution_for(world_a.organisation).goal_id, "kind": "comment", "text": "Hej hej hej hej"}
    assert api().post("/api/v1/dialogue-contributions/", body).status_code in (401, 403)
    assert api(world_a.user(Role.COORDINATOR)).post("/api/v1/dialogue-contributions/", body).status_code == 405
