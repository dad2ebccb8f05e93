"""The context read models: list order and filters, the PESTLE counts, the scope versions and the overview."""

from datetime import date

import pytest
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.context import queries
from hallbar.context.models import InterestedParty, ScanItem

from .factories import InterestedPartyFactory, ScanItemFactory, version

pytestmark = pytest.mark.django_db


def scope_of(world, focus=None) -> Scope:
    return Scope(world.user(Role.READER), world.organisation, focus)


def test_parties_by_category_then_relevance(world_a, world_b):
    make = InterestedPartyFactory
    make(organisation=world_a.organisation, name="Leverantör", category="suppliers", relevance="high")
    make(organisation=world_a.organisation, name="Boende låg", category="residents", relevance="low")
    make(organisation=world_a.organisation, name="Boende hög", category="residents", relevance="high")
    make(organisation=world_a.organisation, name="Anställda", category="employees", relevance="medium")
    make(organisation=world_b.organisation, name="Annan kommuns boende")
    names = [party.name for party in queries.party_list(scope_of(world_a))]
    assert names == ["Boende hög", "Boende låg", "Anställda", "Leverantör"]
    assert [p.name for p in queries.party_list(scope_of(world_a), relevance="high", category="residents")] == [
        "Boende hög"
    ]


def test_party_obligation_filter(world_a):
    InterestedPartyFactory(organisation=world_a.organisation, name="Med", is_compliance_obligation=True)
    InterestedPartyFactory(organisation=world_a.organisation, name="Utan")
    assert [p.name for p in queries.party_list(scope_of(world_a), obligation=True)] == ["Med"]
    assert [p.name for p in queries.party_list(scope_of(world_a), obligation=False)] == ["Utan"]


def test_pestle_matrix_counts_active_items_in_focus(world_a, world_b):
    org = world_a.organisation
    ScanItemFactory.create_batch(2, organisation=org, category="political", time_horizon="short")
    ScanItemFactory(organisation=org, category="legal", time_horizon="long", responsible_unit=world_a.unit)
    ScanItemFactory(organisation=org, category="legal", time_horizon="long", responsible_unit=world_a.sibling)
    ScanItemFactory(organisation=org, category="political", time_horizon="short", status="archived")
    ScanItemFactory(organisation=world_b.organisation, category="political", time_horizon="short")

    matrix = queries.pestle_matrix(scope_of(world_a))
    rows = {row["category"]: row for row in matrix["rows"]}
    assert list(rows) == ScanItem.Category.values
    assert [cell[2] for cell in rows["political"]["cells"]] == [2, 0, 0]
    assert [cell[2] for cell in rows["legal"]["cells"]] == [0, 0, 2]
    assert [cell[2] for cell in matrix["totals"]] == [2, 0, 2]
    assert (rows["social"]["total"], matrix["total"]) == (0, 4)

    focused = queries.pestle_matrix(scope_of(world_a, focus=world_a.administration))
    assert focused["total"] == 3  # the sibling's item is outside the administration's subtree


def test_scan_list_is_active_unless_asked(world_a):
    ScanItemFactory(organisation=world_a.organisation, title="Aktiv")
    ScanItemFactory(organisation=world_a.organisation, title="Arkiverad", status="archived")
    scope = scope_of(world_a)
    assert [item.title for item in queries.scan_list(scope)] == ["Aktiv"]
    assert [item.title for item in queries.scan_list(scope, status="archived")] == ["Arkiverad"]
    assert len(queries.scan_list(scope, status=None)) == 2


def test_scope_versions_and_their_states(world_a, django_assert_num_queries):
    org = world_a.organisation
    version(org, approved_on=date(2024, 1, 1))
    current = version(org, approved_on=date(2025, 1, 1), units=[world_a.unit], boundaries="Alla verksamheter.")
    draft = version(org, text="Utkast")
    scope = scope_of(world_a)
    assert scope.organisation_ids  # the memberships are read once per request, not by the query
    with django_assert_num_queries(2):
        result = queries.scope_versions(scope)
        assert [(v.version, v.state) for v in result["versions"]] == [(3, "draft"), (2, "current"), (1, "replaced")]
        assert list(result["current"].units.all()) == [world_a.unit]
    assert (result["current"], result["draft"]) == (current, draft)
    with translation.override("en"):
        assert [str(v.state_label) for v in result["versions"]] == ["Draft", "Current", "Replaced"]

    initial = queries.new_version_initial(scope)
    assert initial == {"text": "Utkast", "boundaries": "", "exclusions": "", "units": []}


def test_version_state_of_one_version(world_a):
    first = version(world_a.organisation, approved_on=date(2024, 1, 1))
    queries.set_version_state(first)
    assert first.state == "current"
    version(world_a.organisation, approved_on=date(2025, 1, 1))
    queries.set_version_state(first)
    assert first.state == "replaced"


def test_overview(world_a):
    InterestedPartyFactory(organisation=world_a.organisation, relevance=InterestedParty.Relevance.HIGH)
    InterestedPartyFactory(organisation=world_a.organisation, is_compliance_obligation=True)
    ScanItemFactory(organisation=world_a.organisation, impact="positive")
    ScanItemFactory(organisation=world_a.organisation, impact="both")
    result = queries.overview(scope_of(world_a))
    assert result["parties"] == {"total": 2, "high": 1, "obligations": 1}
    assert result["scan"] == {"total": 2, "negative": 1}
    assert result["scope"]["current"] is None
