"""The good examples library through the API: read by all, written by the sharing organisation only."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.examples import queries
from hallbar.examples.models import Example, ExampleOrigin, SavedExample
from hallbar.organisations.models import Municipality
from tests.actions.factories import action_for
from tests.examples.factories import example_for, withdrawn_example_for

from .helpers import ids

SHARE = {
    "title": "Cykelpool för personalen",
    "what_was_done": "Tjugo elcyklar att låna för tjänsteresor.",
    "result_text": "Färre bilresor.",
    "contact_name": "Anna Andersson",
    "contact_email": "anna@a.example.se",
    "themes": ["transport"],
}


@pytest.fixture
def shared_by_b(world_a, world_b):
    """B (Ale, Västra Götaland) shared an example; A is Linköping."""
    for world, code in ((world_a, "0580"), (world_b, "1440")):
        world.organisation.municipality = Municipality.objects.get(code=code)
        world.organisation.save()
    return example_for(world_b.organisation, world_b.unit)


@pytest.mark.parametrize("role", Role.values)
def test_every_role_reads_the_shared_library_but_not_withdrawn_examples(world_a, world_b, api, shared_by_b, role):
    withdrawn = withdrawn_example_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(role))
    assert ids(client.get("/api/v1/examples/")) == {shared_by_b.pk}
    shown = client.get(f"/api/v1/examples/{shared_by_b.pk}/").json()
    assert shown["organisation_name"] == world_b.organisation.name and shown["themes"] == ["climate", "transport"]
    assert client.get(f"/api/v1/examples/{withdrawn.pk}/").status_code == 404


def test_the_filters_are_the_library_query(world_a, api, shared_by_b):
    client = api(world_a.user(Role.READER))
    county = shared_by_b.organisation.municipality.county
    cases = [
        ({"q": "laddplatser"}, {"text": "laddplatser"}),
        ({"theme": "food"}, {"theme": shared_by_b.themes.model.objects.get(key="food")}),
        ({"county": county.code}, {"county": county}),
    ]
    group = shared_by_b.organisation.municipality.skr_group
    cases.append(({"skr_group": group}, {"skr_group": group}))
    for parameters, filters in cases:
        expected = {example.pk for example in queries.library(**filters)}
        assert ids(client.get("/api/v1/examples/", parameters)) == expected, parameters
    assert client.get("/api/v1/examples/", {"theme": "nonsense"}).status_code == 400
    assert client.get("/api/v1/examples/", {"county": "99"}).status_code == 400


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.COORDINATOR, Role.EDITOR])
def test_writers_share_an_own_action_and_change_it(world_a, api, role):
    action = action_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(role))
    shared = client.post("/api/v1/examples/", {**SHARE, "action": action.pk}, format="json")
    assert shared.status_code == 201, shared.content
    example = Example.objects.get(pk=shared.json()["id"])
    assert example.source_action == action and example.organisation == world_a.organisation
    changed = client.patch(f"/api/v1/examples/{example.pk}/", {"title": "Elcyklar"}, format="json")
    assert changed.status_code == 200, changed.content
    assert client.delete(f"/api/v1/examples/{example.pk}/").status_code == 204
    example.refresh_from_db()
    assert example.title == "Elcyklar" and example.withdrawn_at is not None


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_cannot_share_change_or_withdraw(world_a, api, role):
    action = action_for(world_a.organisation, world_a.unit)
    own = example_for(world_a.organisation, world_a.unit)
    client = api(world_a.user(role))
    assert client.post("/api/v1/examples/", {**SHARE, "action": action.pk}, format="json").status_code == 403
    assert client.patch(f"/api/v1/examples/{own.pk}/", {"title": "X"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/examples/{own.pk}/").status_code == 403


def test_validation_and_other_organisations_actions(world_a, world_b, api, shared_by_b):
    client = api(world_a.user(Role.ADMINISTRATOR))
    action = action_for(world_a.organisation, world_a.unit)
    no_theme = client.post("/api/v1/examples/", {**SHARE, "themes": [], "action": action.pk}, format="json")
    assert no_theme.status_code == 400 and no_theme.json()["themes"] == ["Choose at least one theme."]
    unit_less = client.post("/api/v1/examples/", {**SHARE, "result_value": "3", "action": action.pk}, format="json")
    assert unit_less.json()["result_unit"] == ["Give the unit of the result's number."]
    foreign = action_for(world_b.organisation, world_b.unit)
    assert client.post("/api/v1/examples/", {**SHARE, "action": foreign.pk}, format="json").status_code == 400
    assert client.patch(f"/api/v1/examples/{shared_by_b.pk}/", {"title": "X"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/examples/{shared_by_b.pk}/").status_code == 404
    shared_by_b.refresh_from_db()
    assert shared_by_b.title != "X" and shared_by_b.withdrawn_at is None


def test_save_and_unsave(world_a, api, shared_by_b):
    user = world_a.user(Role.READER)
    client = api(user)
    for _twice in range(2):
        assert client.post(f"/api/v1/examples/{shared_by_b.pk}/save/").json()["is_saved"] is True
    assert [row["id"] for row in client.get("/api/v1/examples/saved/").json()] == [shared_by_b.pk]
    assert client.delete(f"/api/v1/examples/{shared_by_b.pk}/save/").json()["is_saved"] is False
    assert not SavedExample.objects.filter(user=user).exists()


def test_copy_into_an_own_action_plan_links_back(world_a, api, shared_by_b):
    plan = action_for(world_a.organisation, world_a.unit).action_plan
    body = {"organisation": world_a.organisation.pk, "title": "Laddplatser hos oss", "action_plan": plan.pk}
    assert api(world_a.user(Role.READER)).post(f"/api/v1/examples/{shared_by_b.pk}/copy/", body).status_code == 403
    editor = api(world_a.user(Role.EDITOR))
    assert editor.post(f"/api/v1/examples/{shared_by_b.pk}/copy/", body).status_code == 403  # not organisation-wide
    copied = editor.post(
        f"/api/v1/examples/{shared_by_b.pk}/copy/", {**body, "responsible_unit": world_a.unit.pk}, format="json"
    )
    assert copied.status_code == 201, copied.content
    action = Action.objects.get(pk=copied.json()["action"])
    assert action.organisation == world_a.organisation and action.action_plan == plan
    assert ExampleOrigin.objects.get(action=action).example == shared_by_b
    missing = editor.post(f"/api/v1/examples/{shared_by_b.pk}/copy/", {"organisation": world_a.organisation.pk})
    assert missing.status_code == 400 and "title" in missing.json()
