"""Fetching values and the catalogue through the client on recorded responses: all or nothing."""

import json

import pytest
from django.utils import translation

from hallbar.indicators.models import IndicatorValue
from hallbar.kolada.models import FetchStatus, Kpi, KpiValue, MunicipalityGroup
from hallbar.kolada.services import (
    FetchFailed,
    fetch_values,
    linked_kpis,
    refresh_all,
    refresh_catalogue,
    refresh_organisation,
    set_peer_group,
)
from tests.factories import OrganisationFactory
from tests.indicators.factories import IndicatorFactory

from .conftest import BASE, ROUTES, FakeTransport
from .factories import KpiValueFactory, link_to_municipality, peer_group_for

pytestmark = pytest.mark.django_db

N03702_PAGE_1 = f"{BASE}/data/kpi/N03702/municipality/0180,1280,1480/year/2018,2019?per_page=3"
N03702_PAGE_2 = N03702_PAGE_1 + "&page=2"
N00945_STORSTADER = f"{BASE}/data/kpi/N00945/municipality/0180,1280,1480?per_page=5000"


@pytest.fixture
def stockholm():
    organisation = link_to_municipality(OrganisationFactory(name="Stockholms stad"), "0180")
    peer_group_for(organisation)  # Storstäder: Göteborg and Malmö besides Stockholm
    return organisation


def stored(kpi):
    return set(KpiValue.objects.filter(kpi=kpi).values_list("municipality_code", "year", "gender", "value"))


def failing_on(url, answer):
    """Serves ROUTES, but ``answer`` (an exception or (status, body)) for ``url``."""

    def transport(requested, timeout):
        if requested == url:
            if isinstance(answer, BaseException):
                raise answer
            return answer
        return FakeTransport()(requested, timeout)

    return transport


# --- fetch_values --------------------------------------------------------------------------------------


def test_fetch_replaces_the_stored_series_of_these_codes_only(make_client):
    KpiValueFactory(kpi="N03702", municipality_code="0180", year=2017, value=1.0)  # same codes: replaced
    KpiValueFactory(kpi="N03702", municipality_code="2480", year=2018, value=2.0)  # other code: kept
    count = fetch_values(["N03702"], ["0180", "1280", "1480"], years=[2018, 2019], client=make_client(per_page=3))
    assert count == 6
    values = stored("N03702")
    assert ("0180", 2018, "T", 936.48418) in values
    assert ("2480", 2018, "T", 2.0) in values
    assert ("0180", 2017, "T", 1.0) in values  # outside the years asked for: untouched
    assert len(values) == 8


@pytest.mark.parametrize(
    "answer, code",
    [
        (TimeoutError("timed out"), FetchStatus.Error.UNAVAILABLE),
        ((503, b"busy"), FetchStatus.Error.UNAVAILABLE),
        ((400, b'{"error": "bad"}'), FetchStatus.Error.HTTP),
        ((200, b"<html>"), FetchStatus.Error.INVALID),
    ],
)
def test_an_error_on_the_second_page_changes_nothing(make_client, answer, code):
    KpiValueFactory(kpi="N03702", municipality_code="0180", year=2018, value=1.0)
    before = stored("N03702")
    client = make_client(per_page=3, transport=failing_on(N03702_PAGE_2, answer))
    with pytest.raises(FetchFailed) as raised:
        fetch_values(["N03702"], ["0180", "1280", "1480"], years=[2018, 2019], client=client)
    assert raised.value.code == code
    assert stored("N03702") == before
    with translation.override("en"):
        assert "Nothing was changed" in raised.value.message


def test_unavailable_message_tells_the_user_to_try_later(make_client):
    client = make_client(transport=failing_on(N00945_STORSTADER, TimeoutError("timed out")))
    with pytest.raises(FetchFailed) as raised, translation.override("en"):
        fetch_values(["N00945"], ["0180", "1280", "1480"], client=client)
    with translation.override("en"):
        assert raised.value.message == "Kolada could not be reached. Nothing was changed. Please try again later."
    assert "timed out" in raised.value.detail


def test_deleted_and_unknown_genders_and_foreign_codes_are_not_stored(make_client):
    body = {
        "values": [
            {
                "kpi": "N00945",
                "municipality": "0180",
                "period": 2020,
                "values": [
                    {"gender": "T", "value": 1.5, "status": "", "count": 1},
                    {"gender": "F", "value": 9.0, "status": "", "count": 1},
                    {"gender": "K", "value": 1.0, "status": "", "count": 1, "isdeleted": True},
                ],
            },
            {"kpi": "N00945", "municipality": "9999", "period": 2020, "values": [{"gender": "T", "value": 3.0}]},
        ],
        "next_url": "",
    }
    client = make_client(transport=lambda url, timeout: (200, json.dumps(body).encode()))
    assert fetch_values(["N00945"], ["0180"], client=client) == 1
    assert stored("N00945") == {("0180", 2020, "T", 1.5)}


# --- catalogue -------------------------------------------------------------------------------------------


def test_refresh_catalogue_from_the_api(make_client):
    routes = {
        **ROUTES,
        f"{BASE}/kpi?per_page=2": "kpi_all_per_page_2_page1.json",
        f"{BASE}/kpi?per_page=2&page=2": "kpi_all_per_page_2_page2.json",
    }
    Kpi.objects.filter(pk="N00945").update(title="Old title")
    MunicipalityGroup.objects.filter(pk="G92787").update(title="Old title")
    report = refresh_catalogue(make_client(per_page=2, transport=FakeTransport(routes)))
    assert report.kpis_updated == 1 and report.groups_updated == 1
    assert Kpi.objects.get(pk="N00945").title.startswith("Tillfälliga föräldrapenningdagar")
    assert MunicipalityGroup.objects.get(pk="G92787").title == "Storstäder (ovägt medel)"


def test_refresh_catalogue_failing_on_the_groups_changes_no_kpi(make_client):
    routes = {**ROUTES, f"{BASE}/kpi?per_page=2": "kpi_all_per_page_2_page1.json"}  # page 2 missing: 404
    Kpi.objects.filter(pk="N00945").update(title="Old title")
    with pytest.raises(FetchFailed):
        refresh_catalogue(make_client(per_page=2, transport=FakeTransport(routes)))
    assert Kpi.objects.get(pk="N00945").title == "Old title"


# --- organisations ---------------------------------------------------------------------------------------


def test_linked_kpis_are_normalised_and_invalid_ids_skipped(stockholm):
    for kpi in ("n00945 ", "N00945", "N0094", "U07414"):
        IndicatorFactory(organisation=stockholm, kolada_kpi=kpi)
    IndicatorFactory(organisation=stockholm, kolada_kpi="")
    assert linked_kpis(stockholm) == ["N00945", "U07414"]


def test_refresh_organisation_fetches_own_and_peers_and_writes_own_values(stockholm, make_client, transport):
    indicator = IndicatorFactory(organisation=stockholm, kolada_kpi="N00945", direction="increase")
    result = refresh_organisation(stockholm, client=make_client())
    assert transport.urls == [N00945_STORSTADER]
    assert KpiValue.objects.filter(kpi="N00945").count() == 63
    assert result.created == 21  # Stockholm's years
    value = IndicatorValue.objects.get(indicator=indicator, year=2000)
    assert (value.value, value.source, value.status) == (31.32959689, "Kolada", "final")
    assert (value.unit, value.period) == (None, 0)
    status = FetchStatus.objects.get(organisation=stockholm)
    assert status.last_success_at and not status.error and status.indicator_values_written == 21


def test_refresh_organisation_failure_is_recorded_and_nothing_changes(stockholm, make_client):
    IndicatorFactory(organisation=stockholm, kolada_kpi="N00945")
    client = make_client(transport=failing_on(N00945_STORSTADER, (500, b"")))
    with pytest.raises(FetchFailed):
        refresh_organisation(stockholm, client=client)
    status = FetchStatus.objects.get(organisation=stockholm)
    assert status.error == FetchStatus.Error.UNAVAILABLE and status.last_success_at is None
    assert not KpiValue.objects.exists() and not IndicatorValue.objects.exists()


def test_an_organisation_without_municipality_cannot_fetch(make_client, transport):
    organisation = OrganisationFactory()
    with pytest.raises(FetchFailed) as raised:
        refresh_organisation(organisation, client=make_client())
    assert raised.value.code == FetchStatus.Error.NO_MUNICIPALITY
    assert transport.urls == []


def test_chosen_municipalities_are_used_as_peers(stockholm, make_client, transport):
    from hallbar.organisations.models import Municipality

    set_peer_group(stockholm, municipalities=Municipality.objects.filter(code__in=["1280", "1480"]))
    IndicatorFactory(organisation=stockholm, kolada_kpi="N00945")
    refresh_organisation(stockholm, client=make_client())
    assert transport.urls == [N00945_STORSTADER]


def test_refresh_all_fetches_each_kpi_once_for_the_union_of_codes(stockholm, make_client, transport):
    malmo = link_to_municipality(OrganisationFactory(name="Malmö stad"), "1280")
    IndicatorFactory(organisation=stockholm, kolada_kpi="N00945")
    IndicatorFactory(organisation=malmo, kolada_kpi="N00945")  # no comparison group: own code only
    report = refresh_all(client=make_client())
    assert transport.urls == [N00945_STORSTADER]
    assert report.kpis == 1 and not report.failed_kpis
    assert IndicatorValue.objects.filter(organisation=malmo).count() == 21
    assert FetchStatus.objects.filter(last_success_at__isnull=False).count() == 2


def test_refresh_all_stops_when_kolada_is_unreachable(stockholm, make_client, sleeps):
    IndicatorFactory(organisation=stockholm, kolada_kpi="N00945")
    IndicatorFactory(organisation=stockholm, kolada_kpi="N03702")
    calls = []

    def down(url, timeout):
        calls.append(url)
        raise TimeoutError("timed out")

    report = refresh_all(client=make_client(transport=down))
    assert set(report.failed_kpis) == {"N00945", "N03702"}
    assert len(calls) == 4  # one KPI, first attempt + 3 retries; the second KPI is not tried
    status = FetchStatus.objects.get(organisation=stockholm)
    assert status.error == FetchStatus.Error.UNAVAILABLE
