"""The shared indicator panel's numbers, the sharing rule and the news feed."""

from hallbar.networks import queries, services
from hallbar.networks.calculations import measure_key
from hallbar.portal import services as portal_services
from tests.kolada.factories import KpiValueFactory, link_to_municipality
from tests.portal.factories import portal_on

from .factories import indicator_with_values, member, network_for


def _two_members(world_a, world_b):
    link_to_municipality(world_a.organisation, "0180")
    link_to_municipality(world_b.organisation, "1280")
    network = network_for(world_a.organisation)
    member(network, world_b.organisation)
    return network


def test_measure_key_matches_by_kpi_or_by_title_and_unit():
    assert measure_key(" n00401 ", "Anything", "t") == "kpi:N00401"
    assert measure_key("", "Andel  Ekologiskt", "%") == measure_key("", "andel ekologiskt ", " %")
    assert measure_key("", "Andel ekologiskt", "%") != measure_key("", "Andel ekologiskt", "kr")


def test_panel_shows_shared_own_values_and_kolada_values_per_member(world_a, world_b):
    network = _two_members(world_a, world_b)
    own_a = indicator_with_values(world_a.organisation, {2021: 3.5, 2022: 3.25}, kolada_kpi="N00401")
    own_b = indicator_with_values(world_b.organisation, {2022: 2.75}, kolada_kpi="N00401")
    services.save_sharing(network.memberships.get(organisation=world_a.organisation), [own_a])
    services.save_sharing(network.memberships.get(organisation=world_b.organisation), [own_b])
    for code, year, value in [("0180", 2021, 3.1), ("0180", 2022, 3.0), ("1280", 2022, 2.2), ("1480", 2022, 9.9)]:
        KpiValueFactory(kpi="N00401", municipality_code=code, year=year, value=value)

    panel = queries.panel(network, "kpi:N00401")

    rows = {row.organisation: row for row in panel["rows"]}
    assert rows["A kommun"].own == {2021: 3.5, 2022: 3.25}
    assert rows["A kommun"].kolada == {2021: 3.1, 2022: 3.0}
    assert rows["B kommun"].own == {2022: 2.75}
    assert rows["B kommun"].kolada == {2022: 2.2}
    assert panel["years"] == [2021, 2022]
    assert all(9.9 not in row.kolada.values() for row in panel["rows"])  # Göteborg is not a member


def test_unshared_indicator_values_never_appear(world_a, world_b):
    network = _two_members(world_a, world_b)
    indicator_with_values(world_b.organisation, {2022: 77.0}, kolada_kpi="N00401", title="Hemlig")
    shared = indicator_with_values(world_a.organisation, {2022: 1.0}, kolada_kpi="N00401")
    services.save_sharing(network.memberships.get(organisation=world_a.organisation), [shared])

    panel = queries.panel(network, "kpi:N00401")

    row_b = next(row for row in panel["rows"] if row.organisation == "B kommun")
    assert row_b.own == {} and not row_b.shares_own
    assert [m.label for m in queries.measures(network)] != [] and all(
        "Hemlig" not in m.label for m in queries.measures(network)
    )
    assert all(77.0 not in row.own.values() for row in panel["rows"])


def test_an_invited_organisation_is_not_in_the_panel_and_a_leaver_drops_out(world_a, world_b):
    network = _two_members(world_a, world_b)
    membership_b = network.memberships.get(organisation=world_b.organisation)
    shared = indicator_with_values(world_b.organisation, {2022: 5.0}, title="Cykelvägar", unit="km")
    services.save_sharing(membership_b, [shared])
    key = measure_key("", "Cykelvägar", "km")
    assert [row.own for row in queries.panel(network, key)["rows"] if row.shares_own] == [{2022: 5.0}]
    services.leave(membership_b)
    assert [row.organisation for row in queries.panel(network, key)["rows"]] == ["A kommun"]
    assert queries.measures(network) == []


def test_feed_lists_publications_on_open_portals_and_new_shares_newest_first(world_a, world_b):
    from tests.plans.factories import plan_tree_for

    network = _two_members(world_a, world_b)
    plan_b = plan_tree_for(world_b.organisation, world_b.unit)
    portal_services.publish(plan_b)
    portal_on(world_b.organisation)
    plan_a = plan_tree_for(world_a.organisation, world_a.unit)
    portal_services.publish(plan_a)  # A's portal is closed: not in the feed
    shared = indicator_with_values(world_b.organisation, {2022: 5.0}, title="Cykelvägar", unit="km")
    services.save_sharing(network.memberships.get(organisation=world_b.organisation), [shared])

    feed = queries.feed(network)

    assert [(item.organisation, item.title) for item in feed] == [("B kommun", "Cykelvägar"), ("B kommun", str(plan_b))]
    assert feed[0].kind == "Shared indicator"
    assert feed[1].kind == "Published: plan" and feed[1].url.startswith("/kommun/b-kommun/")
    assert feed[0].when >= feed[1].when


def test_feed_leaves_out_members_who_left(world_a, world_b):
    from tests.plans.factories import plan_tree_for

    network = _two_members(world_a, world_b)
    portal_services.publish(plan_tree_for(world_b.organisation, world_b.unit))
    portal_on(world_b.organisation)
    assert queries.feed(network)
    services.leave(network.memberships.get(organisation=world_b.organisation))
    assert queries.feed(network) == []


def test_shared_examples_of_members_only_and_in_the_feed(world_a, world_b):
    from tests.conftest import build_world
    from tests.examples.factories import example_for, withdrawn_example_for

    network = _two_members(world_a, world_b)
    example = example_for(world_b.organisation, world_b.unit)
    withdrawn_example_for(world_b.organisation, world_b.unit)
    world_c = build_world("C")
    example_for(world_c.organisation, world_c.unit, title="Utanför nätverket")

    assert queries.shared_examples(network) == [example]
    feed = queries.feed(network)
    assert [(item.kind, item.title, item.url) for item in feed if item.kind == "Shared example"] == [
        ("Shared example", str(example), example.get_absolute_url())
    ]


def test_panel_and_feed_read_in_a_fixed_number_of_queries(world_a, world_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganisationFactory
    from tests.plans.factories import plan_tree_for

    network = _two_members(world_a, world_b)

    def add_member():
        organisation = OrganisationFactory()
        membership = member(network, organisation)
        services.save_sharing(membership, [indicator_with_values(organisation, {2022: 1.0}, kolada_kpi="N00401")])
        portal_services.publish(plan_tree_for(organisation))
        portal_on(organisation)

    def count():
        with CaptureQueriesContext(connection) as queries_run:
            queries.panel(network, "kpi:N00401")
            queries.feed(network)
        return len(queries_run)

    add_member()
    few = count()
    add_member()
    add_member()
    assert count() == few
