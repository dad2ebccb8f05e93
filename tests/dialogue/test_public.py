"""The public form: what gets stored, the spam checks (honeypot, start token, rate limits), escaping,
and that only approved contributions appear on the cached public goal page."""

import pytest
from django.test import override_settings

from hallbar.dialogue import services, spam
from hallbar.dialogue.models import Contribution
from hallbar.portal.publishable import public_url
from tests.plans.factories import plan_tree_for

from .factories import contribution_for, published_goal

pytestmark = pytest.mark.django_db
FAST = override_settings(HALLBAR_DIALOGUE_MIN_FILL_SECONDS=0)


def submit_url(goal):
    return f"/dialog/mal/{goal.pk}/"


def post(client, goal, **data):
    fields = {
        "kind": "proposal",
        "text": "Bygg fler cykelbanor till skolorna.",
        "name": "Kim",
        "email": "kim@example.se",
        "started": spam.start_token(goal.pk),
        spam.HONEYPOT: "",
    }
    fields.update(data)
    return client.post(submit_url(goal), fields)


@FAST
def test_a_post_is_stored_pending_and_not_shown_until_approved(world_a, client):
    goal = published_goal(world_a.organisation)
    response = post(client, goal)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    entry = Contribution.objects.get()
    assert (entry.organisation, entry.goal, entry.status) == (world_a.organisation, goal, "pending")
    assert entry.email == "kim@example.se"
    url = public_url(goal, world_a.organisation)
    assert "Bygg fler cykelbanor" not in client.get(url).content.decode()
    services.approve(entry, user=world_a.user("coordinator"))
    body = client.get(url).content.decode()  # the approval retired the cached page
    assert "Bygg fler cykelbanor till skolorna." in body
    assert "Kim" in body
    assert "kim@example.se" not in body


def test_the_goal_page_carries_the_form_without_a_csrf_token(world_a, client):
    goal = published_goal(world_a.organisation)
    body = client.get(public_url(goal, world_a.organisation)).content.decode()
    assert f'action="{submit_url(goal)}"' in body
    assert 'name="started"' in body and f'name="{spam.HONEYPOT}"' in body
    assert "csrfmiddlewaretoken" not in body


@FAST
def test_the_honeypot_looks_like_success_but_stores_nothing(world_a, client):
    goal = published_goal(world_a.organisation)
    response = post(client, goal, **{spam.HONEYPOT: "http://spam.example"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not Contribution.objects.exists()


@override_settings(HALLBAR_DIALOGUE_MIN_FILL_SECONDS=5)
def test_a_form_sent_too_fast_or_with_a_forged_token_is_refused(world_a, client):
    goal = published_goal(world_a.organisation)
    too_fast = post(client, goal)
    assert too_fast.status_code == 400
    assert "sent too quickly" in too_fast.content.decode()
    assert post(client, goal, started="1:0:forged").status_code == 400
    other_goal = post(client, goal, started=spam.start_token(goal.pk + 1000, now=0))
    assert other_goal.status_code == 400
    assert not Contribution.objects.exists()
    import time

    assert spam.token_problem(spam.start_token(goal.pk, now=time.time() - 10), goal.pk) is None
    assert spam.token_problem(spam.start_token(goal.pk, now=time.time() - 2 * spam.TOKEN_MAX_AGE), goal.pk) == (
        "expired"
    )


@FAST
@override_settings(HALLBAR_DIALOGUE_RATE_PER_ADDRESS=2, HALLBAR_DIALOGUE_RATE_PER_GOAL=100)
def test_rate_limit_per_visitor_address(world_a, client):
    goal = published_goal(world_a.organisation)
    assert post(client, goal).status_code == 200
    assert post(client, goal).status_code == 200
    third = post(client, goal)
    assert third.status_code == 429
    assert "Too many contributions" in third.content.decode()
    assert Contribution.objects.count() == 2
    other_visitor = client.post(
        submit_url(goal),
        {"kind": "comment", "text": "En annan besökare skriver.", "started": spam.start_token(goal.pk)},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other_visitor.status_code == 200
    assert Contribution.objects.count() == 3


@FAST
@override_settings(HALLBAR_DIALOGUE_RATE_PER_ADDRESS=100, HALLBAR_DIALOGUE_RATE_PER_GOAL=2)
def test_rate_limit_per_goal(world_a, client):
    goal = published_goal(world_a.organisation)
    for address in ("192.0.2.1", "192.0.2.2"):
        assert (
            client.post(
                submit_url(goal),
                {"kind": "comment", "text": "Bra mål, fortsätt så!", "started": spam.start_token(goal.pk)},
                REMOTE_ADDR=address,
            ).status_code
            == 200
        )
    refused = client.post(
        submit_url(goal),
        {"kind": "comment", "text": "Bra mål, fortsätt så!", "started": spam.start_token(goal.pk)},
        REMOTE_ADDR="192.0.2.3",
    )
    assert refused.status_code == 429
    assert Contribution.objects.count() == 2


@FAST
def test_length_limits_and_required_text(world_a, client):
    goal = published_goal(world_a.organisation)
    too_long = post(client, goal, text="x" * 2001)
    assert too_long.status_code == 400
    assert "at most 2000 characters" in too_long.content.decode()
    assert post(client, goal, text="kort").status_code == 400
    assert post(client, goal, name="n" * 101).status_code == 400
    assert post(client, goal, email="not-an-address").status_code == 400
    assert not Contribution.objects.exists()


@FAST
def test_text_is_escaped_on_the_public_page(world_a, client):
    goal = published_goal(world_a.organisation)
    post(client, goal, text='<script>alert("x")</script> och mer text', name="<b>Kim</b>")
    entry = Contribution.objects.get()
    assert entry.text.startswith("<script>")  # stored as written …
    services.approve(entry, user=world_a.user("coordinator"))
    body = client.get(public_url(goal, world_a.organisation)).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body  # … shown escaped
    assert "<b>Kim</b>" not in body and "&lt;b&gt;Kim&lt;/b&gt;" in body


@FAST
def test_unpublished_goals_closed_portals_and_other_methods_are_refused(world_a, world_b, client):
    goal = plan_tree_for(world_a.organisation).goals.get()  # not published
    assert post(client, goal).status_code == 404
    goal_b = published_goal(world_b.organisation)
    from hallbar.portal.models import PortalSettings

    PortalSettings.objects.filter(organisation=world_b.organisation).update(is_enabled=False)
    assert post(client, goal_b).status_code == 404
    assert client.put(submit_url(goal_b)).status_code in (404, 405)
    assert not Contribution.objects.exists()


def test_rejected_and_pending_entries_never_appear_and_outcomes_do(world_a, client):
    goal = published_goal(world_a.organisation)
    contribution_for(world_a.organisation, text="Väntar på moderering här")
    contribution_for(world_a.organisation, text="Avvisat inlägg med reklam", status="rejected")
    approved = contribution_for(world_a.organisation, text="Solceller på alla skoltak")
    coordinator = world_a.user("coordinator")
    services.approve(approved, user=coordinator)
    services.answer(approved, user=coordinator, text="Tack, vi utreder det i vår.")
    services.make_action(approved, user=coordinator, title="Solceller på skoltak")
    body = client.get(public_url(goal, world_a.organisation)).content.decode()
    assert "Solceller på alla skoltak" in body
    assert "Tack, vi utreder det i vår." in body
    assert "Solceller på skoltak" in body and "Not started" in body
    assert "Väntar på moderering" not in body
    assert "Avvisat inlägg" not in body


def test_the_form_has_its_own_page_without_javascript(world_a, client):
    goal = published_goal(world_a.organisation)
    response = client.get(submit_url(goal))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Leave a proposal or a comment on the goal" in body
    assert 'name="started"' in body and 'name="text"' in body
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@FAST
def test_a_token_is_spent_once_and_typing_errors_do_not_count(world_a, client):
    goal = published_goal(world_a.organisation)
    token = spam.start_token(goal.pk)
    assert post(client, goal, started=token).status_code == 200
    replayed = post(client, goal, started=token)
    assert replayed.status_code == 400 and Contribution.objects.count() == 1
    for _attempt in range(6):  # more than the 5 posts per visitor, all too short to be stored
        assert post(client, goal, text="kort").status_code == 400
    assert post(client, goal).status_code == 200  # a corrected post still gets through


@FAST
@override_settings(HALLBAR_DIALOGUE_RATE_PER_ADDRESS=1, HALLBAR_DIALOGUE_RATE_PER_GOAL=3)
def test_a_blocked_visitor_does_not_use_up_the_goals_limit(world_a, client):
    goal = published_goal(world_a.organisation)

    def from_address(address):
        fields = {"kind": "comment", "text": "Bra mål, fortsätt så!", "started": spam.start_token(goal.pk)}
        return client.post(submit_url(goal), fields, REMOTE_ADDR=address)

    for _attempt in range(5):
        from_address("192.0.2.9")
    assert Contribution.objects.count() == 1
    for address in ("192.0.2.10", "192.0.2.11"):
        assert from_address(address).status_code == 200


@override_settings(HALLBAR_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_visitor(rf):
    request = rf.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.5")
    assert spam.visitor_address(request) == "203.0.113.5"
    with override_settings(HALLBAR_TRUSTED_PROXIES=0):
        assert spam.visitor_address(request) == "127.0.0.1"


def test_the_form_page_has_the_portal_shell_with_the_licence_statement(world_a, client):
    goal = published_goal(world_a.organisation)
    body = client.get(submit_url(goal)).content.decode()
    assert "Open data under Creative Commons Attribution 4.0 International (CC BY 4.0)." in body
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in body
    assert "Accessibility statement" in body and "Open data catalogue" in body
    assert f'<link rel="canonical" href="http://testserver{public_url(goal, world_a.organisation)}">' in body
