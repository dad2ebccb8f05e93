"""Kolada pages: permissions, organisation isolation, search, comparison table, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.history.models import ChangeRecord
from hallbar.indicators.models import IndicatorValue
from hallbar.kolada import services
from hallbar.kolada.models import FetchStatus, PeerGroup
from hallbar.organisations.models import Municipality

from .factories import kolada_demo_for, link_to_municipality, peer_group_for

INDEX, FETCH, KPIS, PEERS = "/kolada/", "/kolada/fetch/", "/kolada/kpis/", "/kolada/comparison-group/"


@pytest.fixture
def english(client):
    client.cookies["hallbar_language"] = "en"
    return client


def login(client, world, role):
    client.force_login(world.user(role))
    return client


# --- overview and "Fetch now" ----------------------------------------------------------------------


def test_menu_entry_and_overview_for_a_reader(world_a, english):
    kolada_demo_for(world_a.organisation)
    body = login(english, world_a, Role.READER).get(INDEX).content.decode()
    assert 'href="/kolada/"' in body and "Kolada key figures" in body
    assert "Kolada N00401" in body and "0180" in body and "Storstäder" in body
    assert "Fetch now" not in body


@pytest.mark.parametrize("role", [Role.READER, Role.EDITOR, Role.AUDITOR])
def test_only_coordinators_and_administrators_may_fetch(world_a, client, role):
    assert login(client, world_a, role).post(FETCH).status_code == 403
    assert not FetchStatus.objects.exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMINISTRATOR])
def test_fetch_now_runs_the_task_and_the_page_shows_the_outcome(
    world_a, english, role, monkeypatch, make_client, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "default_client", lambda: make_client())
    organisation = link_to_municipality(world_a.organisation, "0180")
    peer_group_for(organisation)
    organisation.indicators.create(title="VAB", unit="%", direction="increase", kolada_kpi="N00945")
    client = login(english, world_a, role)
    assert "Fetch now" in client.get(INDEX).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FETCH)
    assert response.status_code == 302 and response.url == INDEX
    assert IndicatorValue.objects.filter(organisation=organisation, source="Kolada").count() == 21
    body = client.get(INDEX).content.decode()
    assert "Values last fetched" in body and "Never" not in body and "The last fetch failed" not in body


def test_the_last_error_is_shown_with_symbol_and_text(world_a, english):
    FetchStatus.objects.create(organisation=world_a.organisation, error=FetchStatus.Error.UNAVAILABLE)
    body = login(english, world_a, Role.READER).get(INDEX).content.decode()
    assert "The last fetch failed" in body and 'class="status__symbol">!' in body
    assert "Kolada could not be reached. Nothing was changed. Please try again later." in body


def test_fetch_does_not_accept_get(world_a, client):
    assert login(client, world_a, Role.COORDINATOR).get(FETCH).status_code == 405


# --- catalogue ---------------------------------------------------------------------------------------


def test_catalogue_search_and_filter(world_a, english):
    client = login(english, world_a, Role.READER)
    body = client.get(KPIS, {"q": "växthusgaser totalt"}).content.decode()
    assert "N00401" in body and "N00945" not in body
    assert "N00401" in client.get(KPIS, {"q": "n00401"}).content.decode()
    area = "Infrastruktur, miljö- och hälsoskydd mm"
    response = client.get(KPIS, {"area": area})
    assert response.context["paginator"].count == 296
    assert all(kpi.operating_area == area for kpi in response.context["kpis"])
    assert "No key figure matches" in client.get(KPIS, {"q": "xyzzy-nothing"}).content.decode()


def test_catalogue_is_paginated_with_a_constant_number_of_queries(world_a, client):
    client = login(client, world_a, Role.READER)
    with CaptureQueriesContext(connection) as first:
        response = client.get(KPIS)
    assert response.context["paginator"].count == 6099 and len(response.context["kpis"]) == 50
    with CaptureQueriesContext(connection) as later:
        client.get(KPIS, {"page": 100, "q": "andel"})
    assert len(later) <= len(first) <= 12


def test_kpi_detail_with_the_comparison_table(world_a, english, django_assert_max_num_queries):
    kolada_demo_for(world_a.organisation)  # Stockholm vs Malmö and Göteborg, lower is better
    client = login(english, world_a, Role.READER)
    client.get(INDEX)  # warm the session
    with django_assert_max_num_queries(14):
        response = client.get(reverse("kolada:kpi-detail", args=["N00401"]))
    body = response.content.decode()
    assert "<caption>N00401, Total: own value and peers per year</caption>" in body
    assert '<th scope="row">2022</th>' in body and '<th scope="col" class="number">Median</th>' in body
    assert "3 of 3" in body and "Worse than the median" in body  # 2022: 2.8 vs 2.2 and 2.5
    assert "2.35" in body  # 2022 median of 2.2 and 2.5, English notation


def test_kpi_detail_numbers_in_swedish(world_a, client):
    kolada_demo_for(world_a.organisation)
    body = login(client, world_a, Role.READER).get(reverse("kolada:kpi-detail", args=["N00401"])).content.decode()
    assert "2,35" in body


def test_kpi_detail_unknown_id_is_404(world_a, client):
    assert login(client, world_a, Role.READER).get(reverse("kolada:kpi-detail", args=["X12345"])).status_code == 404


def test_kpi_detail_queries_do_not_grow_with_data(world_a, client):
    from .test_queries import fill

    kolada_demo_for(world_a.organisation)
    client = login(client, world_a, Role.READER)
    url = reverse("kolada:kpi-detail", args=["N00401"])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    fill("N00401", [f"{n:04d}" for n in range(1000, 1100)], range(1990, 2020))
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


# --- comparison group ----------------------------------------------------------------------------------


def test_readers_see_the_group_but_no_forms_and_may_not_change_it(world_a, english):
    kolada_demo_for(world_a.organisation)
    client = login(english, world_a, Role.READER)
    body = client.get(PEERS).content.decode()
    assert "Storstäder" in body and "Malmö (1280)" in body and "Use this group" not in body
    assert client.post(PEERS, {"action": "group", "kolada_group": "G92786"}).status_code == 403
    assert PeerGroup.objects.get(organisation=world_a.organisation).kolada_group_id == "G92787"


def test_a_unit_editor_may_not_change_it(world_a, client):
    response = login(client, world_a, Role.EDITOR).post(PEERS, {"action": "group", "kolada_group": "G92786"})
    assert response.status_code == 403


def test_coordinator_chooses_a_group_found_by_search(world_a, english):
    link_to_municipality(world_a.organisation, "0180")
    client = login(english, world_a, Role.COORDINATOR)
    body = client.get(PEERS).content.decode()
    assert "Storstäder (ovägt medel) (G92787)" in body  # groups Stockholm belongs to are offered
    body = client.get(PEERS, {"q": "Lågpendlingskommun nära större stad"}).content.decode()
    assert "G92786" in body and "1 group matches" in body
    response = client.post(PEERS, {"action": "group", "kolada_group": "G92786"})
    assert response.status_code == 302
    group = PeerGroup.objects.get(organisation=world_a.organisation)
    assert (group.basis, group.kolada_group_id) == ("group", "G92786")
    assert ChangeRecord.objects.filter(content_type__model="peergroup", object_id=str(group.pk)).exists()


def test_an_unknown_group_gets_a_message_on_the_field(world_a, english):
    client = login(english, world_a, Role.COORDINATOR)
    response = client.post(PEERS, {"action": "group", "kolada_group": "G0"})
    body = response.content.decode()
    assert response.status_code == 200 and 'aria-invalid="true"' in body
    assert "That group is not in the Kolada catalogue" in body
    assert not PeerGroup.objects.exists()


def test_coordinator_chooses_municipalities_and_must_choose_one(world_a, english):
    client = login(english, world_a, Role.ADMINISTRATOR)
    response = client.post(PEERS, {"action": "municipalities"})
    assert "Choose at least one municipality." in response.content.decode() and not PeerGroup.objects.exists()
    chosen = Municipality.objects.filter(code__in=["0114", "0115"])
    response = client.post(PEERS, {"action": "municipalities", "municipalities": [m.pk for m in chosen]})
    assert response.status_code == 302
    group = PeerGroup.objects.get(organisation=world_a.organisation)
    assert group.basis == "municipalities" and set(group.municipalities.all()) == set(chosen)
    body = client.get(PEERS).content.decode()
    assert "Municipalities chosen by us." in body and "(0114)" in body


def test_an_unknown_action_saves_nothing(world_a, client):
    response = login(client, world_a, Role.COORDINATOR).post(PEERS, {"action": "delete-everything"})
    assert response.status_code == 302 and not PeerGroup.objects.exists()


def test_each_organisation_sees_and_changes_only_its_own_group(world_a, world_b, client):
    peer_group_for(world_b.organisation, "G92786")
    client = login(client, world_a, Role.COORDINATOR)
    assert "Lågpendlingskommun" not in client.get(INDEX).content.decode()
    client.post(PEERS, {"action": "group", "kolada_group": "G92787"})
    assert PeerGroup.objects.get(organisation=world_b.organisation).kolada_group_id == "G92786"
    assert PeerGroup.objects.get(organisation=world_a.organisation).kolada_group_id == "G92787"


def test_peer_page_queries_are_constant(world_a, client):
    link_to_municipality(world_a.organisation, "0180")
    peer_group_for(world_a.organisation, "G92787")  # three members
    client = login(client, world_a, Role.COORDINATOR)
    with CaptureQueriesContext(connection) as small:
        client.get(PEERS)
    services.set_peer_group(world_a.organisation, municipalities=Municipality.objects.all()[:40])
    with CaptureQueriesContext(connection) as large:
        client.get(PEERS, {"q": "kommun"})  # 40 municipalities, 200 groups offered
    assert len(large) == len(small) <= 14
