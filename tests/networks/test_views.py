"""The pages: setting up, inviting, answering, sharing, the panel; and isolation from outsiders."""

import pytest
from django.urls import reverse

from hallbar.networks import services
from hallbar.networks.models import Network, NetworkMembership
from tests.conftest import build_world
from tests.kolada.factories import KpiValueFactory, link_to_municipality

from .factories import indicator_with_values, member, network_for


def test_a_coordinator_sets_up_a_network_and_invites(world_a, world_b, client_for):
    client = client_for(world_a.user("coordinator"))
    response = client.post(reverse("networks:create"), {"name": "Storstäder", "description": "Jämförelse"})
    network = Network.objects.get(name="Storstäder")
    assert response.status_code == 302 and network.organisation == world_a.organisation
    response = client.post(reverse("networks:invite", args=[network.pk]), {"organisations": [world_b.organisation.pk]})
    assert response.status_code == 302
    assert network.memberships.get(organisation=world_b.organisation).status == NetworkMembership.Status.INVITED


def test_inviting_nobody_is_refused_with_a_message(world_a, client_for):
    network = network_for(world_a.organisation)
    response = client_for(world_a.user("coordinator")).post(reverse("networks:invite", args=[network.pk]), {})
    assert response.status_code == 200
    assert "Choose at least one organisation" in response.content.decode()


def test_a_county_invites_its_organisations(world_a, world_b, client_for):
    link_to_municipality(world_b.organisation, "1280")  # Malmö, Skåne
    network = network_for(world_a.organisation)
    county = world_b.organisation.municipality.county
    client_for(world_a.user("coordinator")).post(reverse("networks:invite", args=[network.pk]), {"county": county.pk})
    assert network.memberships.filter(organisation=world_b.organisation).exists()


@pytest.mark.parametrize("role", ["editor", "reader", "auditor"])
def test_only_coordinators_manage(role, world_a, client_for):
    network = network_for(world_a.organisation)
    client = client_for(world_a.user(role))
    assert client.get(reverse("networks:invite", args=[network.pk])).status_code == 403
    assert client.get(reverse("networks:create")).status_code == 403
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code == 200


def test_the_invited_organisation_sees_the_invitation_and_accepts(world_a, world_b, client_for):
    network = network_for(world_a.organisation)
    services.invite(network, [world_b.organisation])
    reader = client_for(world_b.user("reader"))
    assert network.name in reader.get(reverse("networks:list")).content.decode()
    page = reader.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "Accept the invitation" not in page and "A coordinator of your organisation" in page
    assert reader.get(reverse("networks:panel", args=[network.pk])).status_code == 404  # not a member yet
    assert reader.post(reverse("networks:respond", args=[network.pk]), {"answer": "accept"}).status_code == 403

    client = client_for(world_b.user("coordinator"))
    assert client.post(reverse("networks:respond", args=[network.pk]), {"answer": "accept"}).status_code == 302
    assert network.memberships.get(organisation=world_b.organisation).status == NetworkMembership.Status.ACTIVE
    assert client.get(reverse("networks:panel", args=[network.pk])).status_code == 200


def test_sharing_page_saves_the_ticked_indicators(world_a, world_b, client_for):
    network = network_for(world_a.organisation)
    membership = member(network, world_b.organisation)
    indicator = indicator_with_values(world_b.organisation, {2022: 1.0}, title="Cykelvägar")
    client = client_for(world_b.user("coordinator"))
    page = client.get(reverse("networks:sharing", args=[network.pk])).content.decode()
    assert "Cykelvägar" in page and "Utsläpp" not in page  # only own indicators are offered
    client.post(reverse("networks:sharing", args=[network.pk]), {"indicators": [indicator.pk]})
    assert list(membership.shared_indicators.values_list("indicator", flat=True)) == [indicator.pk]


def test_panel_page_has_a_table_and_a_chart(world_a, world_b, client_for):
    link_to_municipality(world_a.organisation, "0180")
    network = network_for(world_a.organisation)
    own = indicator_with_values(world_a.organisation, {2022: 3.25}, kolada_kpi="N00401", title="Utsläpp")
    services.save_sharing(network.memberships.get(), [own])
    KpiValueFactory(kpi="N00401", municipality_code="0180", year=2022, value=3.5)
    client = client_for(world_a.user("reader"))
    page = client.get(reverse("networks:panel", args=[network.pk]), {"measure": "kpi:N00401"}).content.decode()
    assert "3.25" in page and "3.5" in page
    assert "<canvas" in page and "Show the data as a table" in page
    bad = client.get(reverse("networks:panel", args=[network.pk]), {"kpi": "X99999"}).content.decode()
    assert "There is no Kolada KPI with the id X99999" in bad


def test_members_leave_and_owners_remove(world_a, world_b, client_for):
    network = network_for(world_a.organisation)
    membership = member(network, world_b.organisation)
    client_for(world_b.user("coordinator")).post(reverse("networks:leave", args=[network.pk]))
    membership.refresh_from_db()
    assert membership.status == NetworkMembership.Status.LEFT
    services.invite(network, [world_b.organisation])
    client_for(world_a.user("coordinator")).post(reverse("networks:remove-member", args=[membership.pk]))
    assert not network.memberships.filter(organisation=world_b.organisation).exists()


def test_an_organisation_outside_the_network_gets_nothing(world_a, world_b, client_for):
    """C is neither member nor invited: every network page is 404, its list shows nothing of the network,
    and a member that left is an outsider again."""
    network = network_for(world_a.organisation)
    membership_b = member(network, world_b.organisation)
    services.save_sharing(membership_b, [indicator_with_values(world_b.organisation, {2022: 1.0}, title="Delad")])
    world_c = build_world("C")
    for role in ("coordinator", "reader"):
        client = client_for(world_c.user(role))
        for name in ("detail", "edit", "invite", "sharing", "panel"):
            assert client.get(reverse(f"networks:{name}", args=[network.pk])).status_code == 404, name
        for name in ("respond", "leave"):
            assert client.post(reverse(f"networks:{name}", args=[network.pk]), {"answer": "accept"}).status_code == 404
        assert client.post(reverse("networks:remove-member", args=[membership_b.pk])).status_code == 404
        listing = client.get(reverse("networks:list")).content.decode()
        assert network.name not in listing and "A kommun" not in listing
    assert network.memberships.get(organisation=world_b.organisation).status == NetworkMembership.Status.ACTIVE
    services.leave(membership_b)
    assert client_for(world_b.user("reader")).get(reverse("networks:panel", args=[network.pk])).status_code == 404


def test_network_page_shows_members_news_and_shared_examples(world_a, world_b, client_for):
    from tests.examples.factories import example_for

    network = network_for(world_a.organisation)
    membership = member(network, world_b.organisation)
    services.save_sharing(membership, [indicator_with_values(world_b.organisation, {2022: 1.0}, title="Cykelvägar")])
    example = example_for(world_b.organisation, world_b.unit)
    page = client_for(world_a.user("reader")).get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "B kommun" in page and "News from the members" in page
    assert "Shared indicator" in page and "Cykelvägar" in page
    assert page.count(str(example.title)) == 2  # in the news and among the shared examples
