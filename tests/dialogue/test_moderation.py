"""Moderation: the services' rules and the coordinators' pages."""

import pytest
from django.core.exceptions import ValidationError

from hallbar.actions.models import Action
from hallbar.dialogue import services
from hallbar.dialogue.models import Contribution
from hallbar.organisations.models import ContentVersion

from .factories import contribution_for, published_goal

pytestmark = pytest.mark.django_db


def version(organisation) -> int:
    return ContentVersion.objects.filter(organisation=organisation).values_list("number", flat=True).first() or 0


def test_moderation_raises_the_content_version(world_a):
    published_goal(world_a.organisation)
    entry = contribution_for(world_a.organisation)
    before = version(world_a.organisation)
    services.approve(entry, user=world_a.user("coordinator"))
    assert version(world_a.organisation) > before
    before = version(world_a.organisation)
    services.answer(entry, user=world_a.user("coordinator"), text="Svar")
    assert version(world_a.organisation) > before


def test_a_rejection_needs_a_reason_and_answered_entries_stay(world_a):
    entry = contribution_for(world_a.organisation)
    user = world_a.user("coordinator")
    with pytest.raises(ValidationError) as error:
        services.reject(entry, user=user, reason="  ")
    assert "Give a reason" in str(error.value)
    services.reject(entry, user=user, reason="Reklam")
    entry.refresh_from_db()
    assert (entry.status, entry.rejection_reason, entry.moderated_by) == ("rejected", "Reklam", user)
    with pytest.raises(ValidationError):
        services.answer(entry, user=user, text="Svar på avvisat")
    services.approve(entry, user=user)
    services.answer(entry, user=user, text="Svar")
    with pytest.raises(ValidationError):
        services.reject(entry, user=user, reason="Ändå inte")


def test_only_approved_proposals_become_one_action(world_a):
    user = world_a.user("coordinator")
    comment = contribution_for(world_a.organisation, kind="comment")
    services.approve(comment, user=user)
    with pytest.raises(ValidationError):
        services.make_action(comment, user=user, title="Åtgärd")
    proposal = contribution_for(world_a.organisation)
    with pytest.raises(ValidationError):
        services.make_action(proposal, user=user, title="Åtgärd")  # still pending
    services.approve(proposal, user=user)
    action = services.make_action(proposal, user=user, title="Laddstolpar vid skolor")
    assert action.organisation == world_a.organisation
    assert action.reason == proposal
    assert list(action.goals.all()) == [proposal.goal]
    assert action.description == proposal.text
    with pytest.raises(ValidationError):
        services.make_action(proposal, user=user, title="Igen")
    assert Action.objects.for_reason(proposal).count() == 1


def test_the_queue_shows_pending_entries_of_the_own_organisation_only(world_a, world_b, client_for):
    contribution_for(world_a.organisation, text="Förslag från A:s invånare")
    contribution_for(world_b.organisation, text="Förslag från B:s invånare")
    client = client_for(world_a.user("coordinator"))
    body = client.get("/dialog/").content.decode()
    assert "Förslag från A:s invånare" in body
    assert "Förslag från B:s invånare" not in body
    assert client_for(world_a.user("reader")).get("/dialog/").status_code == 403


def test_the_entry_page_approves_rejects_answers_and_creates_an_action(world_a, client_for):
    entry = contribution_for(world_a.organisation)
    client = client_for(world_a.user("coordinator"))
    url = f"/dialog/{entry.pk}/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"operation": "reject", "reason": ""})
    assert refused.status_code == 400
    assert client.post(url, {"operation": "approve"}).status_code == 302
    assert client.post(url, {"operation": "answer", "answer": "Vi tittar på det."}).status_code == 302
    assert client.post(url, {"operation": "action", "title": "Laddstolpar"}).status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.answer) == ("approved", "Vi tittar på det.")
    assert Action.objects.for_reason(entry).get().title == "Laddstolpar"
    assert client_for(world_a.user("editor")).post(url, {"operation": "approve"}).status_code == 403


def test_another_organisations_entry_is_not_found(world_a, world_b, client_for):
    entry = contribution_for(world_b.organisation)
    client = client_for(world_a.user("coordinator"))
    assert client.get(f"/dialog/{entry.pk}/").status_code == 404
    assert client.post(f"/dialog/{entry.pk}/", {"operation": "approve"}).status_code == 404
    assert Contribution.objects.get(pk=entry.pk).status == "pending"
