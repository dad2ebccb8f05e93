"""The nonconformities API: scoped reads, registering through the services, transitions with reasons."""

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.nonconformities.models import Nonconformity, Stage

from .conftest import corrective_action
from .factories import nonconformity, nonconformity_for

URL = "/api/v1/nonconformities/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_detail_and_filters_are_scoped(world_a, world_b, api):
    mine = nonconformity_for(world_a.organisation, world_a.unit)
    complaint = nonconformity(world_a.organisation, origin="complaint")
    nonconformity_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    assert ids(client.get(URL)) == {mine.pk, complaint.pk}
    assert ids(client.get(f"{URL}?origin=complaint")) == {complaint.pk}
    assert ids(client.get(f"{URL}?severity=major&stage=reported")) == {mine.pk}
    assert ids(client.get(f"{URL}?responsible_unit={world_a.unit.pk}")) == {mine.pk}
    assert client.get(f"{URL}?stage=bogus").status_code == 400
    row = client.get(f"{URL}{mine.pk}/").json()
    assert row["reference"] == mine.reference and row["stage"] == "reported"
    assert [why["position"] for why in row["whys"]] == [1, 2]
    assert row["stage_changes"][0]["to_stage"] == "reported"


def test_register_through_the_services(world_a, world_b, api):
    data = {
        "organisation": world_a.organisation.pk,
        "title": "Felsorterat avfall",
        "origin": "incident",
        "responsible_unit": world_a.unit.pk,
    }
    response = api(world_a.user(Role.EDITOR)).post(URL, data, format="json")
    assert response.status_code == 201, response.content
    item = Nonconformity.objects.get(pk=response.json()["id"])
    assert item.reported_by == world_a.user(Role.EDITOR) and item.stage_changes.count() == 1
    assert response.json()["reference"] == item.reference
    sibling = {**data, "responsible_unit": world_a.sibling.pk}
    assert api(world_a.user(Role.EDITOR)).post(URL, sibling, format="json").status_code == 403
    assert api(world_a.user(Role.AUDITOR)).post(URL, sibling, format="json").status_code == 201
    assert api(world_a.user(Role.READER)).post(URL, data, format="json").status_code == 403
    assert api(world_a.user(Role.EDITOR)).post(URL, {**data, "origin": "audit"}, format="json").status_code == 400
    foreign = {**data, "organisation": world_b.organisation.pk, "responsible_unit": None}
    assert api(world_a.user(Role.ADMINISTRATOR)).post(URL, foreign, format="json").status_code == 400
    assert Nonconformity.objects.count() == 2


def test_transitions_through_the_workflow(world_a, world_b, api):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit, root_cause="Ingen rutin.")
    url = f"{URL}{item.pk}/transition/"
    editor = api(world_a.user(Role.EDITOR))
    response = editor.post(url, {"transition": "analyse"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The nonconformity cannot be marked as analysed: the immediate correction is not described, "
        "nor stated as not needed."
    )
    Nonconformity.objects.filter(pk=item.pk).update(no_immediate_correction=True)
    response = editor.post(url, {"transition": "analyse", "comment": "Klart"}, format="json")
    assert response.status_code == 200 and response.json()["stage"] == "analysed"
    action = corrective_action(item, status=Action.Status.DONE)
    assert editor.post(url, {"transition": "plan"}, format="json").json()["stage"] == "actions_planned"
    assert editor.post(url, {"transition": "implement"}, format="json").json()["stage"] == "implemented"
    assert editor.post(url, {"transition": "verify"}, format="json").status_code == 403
    assert editor.post(url, {"transition": "fly"}, format="json").status_code == 400
    coordinator = api(world_a.user(Role.COORDINATOR))
    response = coordinator.post(url, {"transition": "verify"}, format="json")
    assert response.status_code == 200 and response.json()["effectiveness_result"] == "effective"
    assert coordinator.post(url, {"transition": "close"}, format="json").json()["stage"] == Stage.CLOSED
    assert action.reason == item
    foreign = nonconformity_for(world_b.organisation, world_b.unit)
    assert (
        coordinator.post(f"{URL}{foreign.pk}/transition/", {"transition": "analyse"}, format="json").status_code == 404
    )
