"""Networks through the API: members see only what the others chose to share."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.networks import queries
from hallbar.networks.calculations import measure_key
from hallbar.networks.models import Network, NetworkMembership
from tests.factories import OrganisationFactory
from tests.networks.factories import indicator_with_values, member, network_for

from .helpers import ids

Status = NetworkMembership.Status


@pytest.fixture
def shared_network(world_a, world_b):
    """A's network with B as a member; both have an emissions indicator, only A shares it."""
    network = network_for(world_a.organisation)
    membership_b = member(network, world_b.organisation)
    own = indicator_with_values(world_a.organisation, {2021: 10, 2022: 8}, title="Utsläpp", unit="kt")
    indicator_with_values(world_b.organisation, {2021: 99}, title="Utsläpp", unit="kt")
    from hallbar.networks import services

    services.save_sharing(network.memberships.get(organisation=world_a.organisation), [own])
    return network, membership_b


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.COORDINATOR])
def test_managers_set_up_a_network_and_invite(world_a, world_b, api, role):
    client = api(world_a.user(role))
    created = client.post(
        "/api/v1/networks/", {"organisation": world_a.organisation.pk, "name": "Länet"}, format="json"
    )
    assert created.status_code == 201, created.content
    network = Network.objects.get(pk=created.json()["id"])
    assert network.memberships.get().status == Status.ACTIVE
    invited = client.post(
        f"/api/v1/networks/{network.pk}/invite/", {"organisations": [world_b.organisation.pk]}, format="json"
    )
    assert invited.status_code == 200 and invited.json()[0]["status"] == "invited"
    assert client.patch(f"/api/v1/networks/{network.pk}/", {"name": "Länet 2"}, format="json").status_code == 200


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_other_roles_read_but_do_not_manage(world_a, world_b, api, shared_network, role):
    network, _membership = shared_network
    client = api(world_a.user(role))
    assert ids(client.get("/api/v1/networks/")) == {network.pk}
    body = {"organisation": world_a.organisation.pk, "name": "Eget"}
    assert client.post("/api/v1/networks/", body, format="json").status_code == 403
    assert client.patch(f"/api/v1/networks/{network.pk}/", {"name": "X"}, format="json").status_code == 403
    invite = {"organisations": [OrganisationFactory().pk]}
    assert client.post(f"/api/v1/networks/{network.pk}/invite/", invite, format="json").status_code == 403
    assert client.post(f"/api/v1/networks/{network.pk}/sharing/", {"indicators": []}).status_code == 403


def test_an_invitation_is_answered_by_the_invited_coordinators(world_a, world_b, api):
    network = network_for(world_a.organisation)
    from hallbar.networks import services

    services.invite(network, [world_b.organisation])
    reader = api(world_b.user(Role.READER)).post(f"/api/v1/networks/{network.pk}/respond/", {"answer": "accept"})
    assert reader.status_code == 403
    coordinator = api(world_b.user(Role.COORDINATOR))
    assert coordinator.get(f"/api/v1/networks/{network.pk}/measures/").status_code == 404  # invited: nothing shared
    assert len(coordinator.get(f"/api/v1/networks/{network.pk}/members/").json()) == 2
    bad = coordinator.post(f"/api/v1/networks/{network.pk}/respond/", {"answer": "maybe"})
    assert bad.status_code == 400 and "answer" in bad.json()
    accepted = coordinator.post(f"/api/v1/networks/{network.pk}/respond/", {"answer": "accept"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"


def test_members_see_only_what_is_shared_and_the_panel_equals_the_query(world_a, world_b, api, shared_network):
    network, _membership = shared_network
    client = api(world_b.user(Role.READER))
    measures = client.get(f"/api/v1/networks/{network.pk}/measures/").json()
    key = measure_key("", "Utsläpp", "kt")
    assert measures == [{"measure": key, "label": "Utsläpp (kt)"}]
    panel = client.get(f"/api/v1/networks/{network.pk}/panel/", {"measure": key}).json()
    expected = queries.panel(network, key)
    assert panel["years"] == expected["years"] == [2021, 2022]
    rows = {row["organisation"]: row for row in panel["rows"]}
    assert rows[world_a.organisation.name]["own"] == [10.0, 8.0]
    assert rows[world_b.organisation.name] == {
        "organisation": world_b.organisation.name,
        "shares_own": False,
        "kolada_code": None,
        "own": [None, None],  # B did not share its indicator: its 99 never shows
        "kolada": [None, None],
    }
    assert client.get(f"/api/v1/networks/{network.pk}/panel/", {"measure": "title:x|y"}).status_code == 404
    assert client.get(f"/api/v1/networks/{network.pk}/panel/").status_code == 400  # which measure?
    feed = client.get(f"/api/v1/networks/{network.pk}/feed/").json()
    assert [(item["kind"], item["title"]) for item in feed] == [("Shared indicator", "Utsläpp")]


def test_sharing_and_leaving(world_a, world_b, api, shared_network):
    network, membership = shared_network
    client = api(world_b.user(Role.COORDINATOR))
    own = world_b.organisation.indicators.get(title="Utsläpp")
    foreign = world_a.organisation.indicators.get(title="Utsläpp")
    refused = client.post(f"/api/v1/networks/{network.pk}/sharing/", {"indicators": [foreign.pk]}, format="json")
    assert refused.status_code == 400
    shared = client.post(f"/api/v1/networks/{network.pk}/sharing/", {"indicators": [own.pk]}, format="json")
    assert shared.json() == {"indicators": [own.pk]}
    assert client.post(f"/api/v1/networks/{network.pk}/leave/").json()["status"] == "left"
    membership.refresh_from_db()
    assert membership.status == Status.LEFT and not membership.shared_indicators.exists()
    assert client.get(f"/api/v1/networks/{network.pk}/").status_code == 404
    owner = api(world_a.user(Role.COORDINATOR)).post(f"/api/v1/networks/{network.pk}/leave/")
    assert owner.status_code == 400
    assert owner.json()["non_field_errors"] == ["The organisation that manages the network cannot leave it."]


def test_outsiders_never_reach_a_network(world_a, world_b, api, shared_network):
    network, _membership = shared_network
    outsider = OrganisationFactory()
    from hallbar.accounts.models import Membership

    user = world_b.user(Role.ADMINISTRATOR)
    Membership.objects.filter(user=user).update(organisation=outsider)
    client = api(user)
    assert not ids(client.get("/api/v1/networks/"))
    for path in ("", "members/", "measures/", "panel/?measure=x", "feed/", "sharing/"):
        assert client.get(f"/api/v1/networks/{network.pk}/{path}").status_code == 404, path
    assert client.post(f"/api/v1/networks/{network.pk}/respond/", {"answer": "accept"}).status_code == 404
