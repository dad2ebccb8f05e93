"""KoladaClient against recorded v3 responses: URLs, pagination, flattening, retries, errors, validation."""

import json
import urllib.error

import pytest

from hallbar.kolada import KoladaClient, KoladaError, KoladaHTTPError, KoladaUnavailable, Kpi, KpiValue
from hallbar.kolada.client import MAX_IDS_PER_SEGMENT

from .conftest import BASE, FakeTransport, recorded

# --- URL building ---------------------------------------------------------------------------------------


def test_urls_follow_the_v3_path_and_query_format():
    client = KoladaClient(transport=FakeTransport(), per_page=100)
    assert client.url("kpi", "N00401") == f"{BASE}/kpi/N00401?per_page=100"
    assert client.url("kpi", params={"title": "växthusgaser totalt"}) == (
        f"{BASE}/kpi?title=v%C3%A4xthusgaser%20totalt&per_page=100"
    )
    assert client.url("data", "kpi", "N03702", "municipality", "0180,1280", "year", "2018,2019") == (
        f"{BASE}/data/kpi/N03702/municipality/0180,1280/year/2018,2019?per_page=100"
    )


def test_base_url_trailing_slash_is_ignored():
    assert KoladaClient("https://api.kolada.se/v3/").url("kpi") == f"{BASE}/kpi?per_page=5000"


def test_values_url_without_years_and_with_ids_deduplicated(make_client, transport):
    values = make_client().values("N00945", ["0180", "1280", "1480", "0180"])
    assert transport.urls == [f"{BASE}/data/kpi/N00945/municipality/0180,1280,1480?per_page=5000"]
    assert len(values) == 63
    assert {v.municipality_id for v in values} == {"0180", "1280", "1480"}
    stockholm_2000 = next(v for v in values if v.municipality_id == "0180" and v.year == 2000)
    assert stockholm_2000 == KpiValue("N00945", "0180", 2000, "T", 31.32959689, "", 1)


def test_more_than_25_ids_are_split_into_chunks_and_the_result_is_combined():
    ids = [f"{n:04d}" for n in range(100, 100 + MAX_IDS_PER_SEGMENT + 2)]
    calls = []

    def transport(url, timeout):
        calls.append(url)
        segment = url.split("/municipality/")[1].split("/")[0]
        objs = [{"kpi": "N00401", "municipality": m, "period": 2022, "values": []} for m in segment.split(",")]
        return 200, json.dumps({"values": objs}).encode()

    assert KoladaClient(transport=transport).values("N00401", ids, years=[2022]) == []
    assert len(calls) == 2
    assert calls[0].count(",") == MAX_IDS_PER_SEGMENT - 1
    assert f"/municipality/{ids[-2]},{ids[-1]}/year/2022?" in calls[1]


# --- metadata ----------------------------------------------------------------------------------------------


def test_kpi_metadata(make_client):
    kpi = make_client().kpi("N00401")
    assert kpi.title == "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv"
    assert kpi.is_divided_by_gender is False
    assert kpi.municipality_type == "A"
    assert kpi.operating_area == "Infrastruktur, miljö- och hälsoskydd mm"
    assert kpi.prel_publication_date is None
    assert kpi.publication_date == "2026-06-09"
    assert kpi.publ_period == "2024"


def test_unknown_kpi_is_none(make_client):
    transport = FakeTransport(routes={}, script=[(200, b'{"count": 0, "values": [], "next_url": ""}')])
    assert make_client(transport=transport).kpi("N99999") is None


def test_kpi_search_by_title(make_client, transport):
    kpis = make_client().kpis(title_contains="Bruttoregionprodukt")
    assert transport.urls == [f"{BASE}/kpi?title=Bruttoregionprodukt&per_page=5000"]
    assert [k.id for k in kpis] == ["N03702", "N03703"]
    assert all(isinstance(k, Kpi) for k in kpis)


def test_municipality_groups_follow_next_url_across_two_pages(make_client, transport):
    groups = make_client(per_page=2).municipality_groups()
    assert transport.urls == [f"{BASE}/municipality_groups?per_page=2", f"{BASE}/municipality_groups?per_page=2&page=2"]
    assert [g.id for g in groups] == ["G92786", "G92787", "G92788", "G92789"]
    storstader = groups[1]
    assert storstader.title == "Storstäder (ovägt medel)"
    assert [(m.id, m.title) for m in storstader.members] == [
        ("0180", "Stockholm"),
        ("1280", "Malmö"),
        ("1480", "Göteborg"),
    ]
    assert len(groups[0].members) == 24


# --- values: pagination and flattening ------------------------------------------------------------------


def test_values_follow_pagination_and_flatten(make_client, transport):
    values = make_client(per_page=3).values("N03702", ["0180", "1280", "1480"], years=[2018, 2019])
    assert len(transport.urls) == 2
    assert transport.urls[1].endswith("&page=2")
    assert [(v.municipality_id, v.year, v.value) for v in values] == [
        ("0180", 2018, 936.48418),
        ("1280", 2018, 545.145632),
        (
            "1480",
            2018,
            recorded("data_N03702_3_municipalities_2018_2019_page1.json")["values"][2]["values"][0]["value"],
        ),
        ("0180", 2019, 984.027891),
        ("1280", 2019, 574.620968),
        ("1480", 2019, 719.94248),
    ]
    assert all(v.kpi == "N03702" and v.gender == "T" and v.count == 1 and v.status == "" for v in values)
    assert values[0].period == 2018


def test_gender_split_and_missing_value(make_client):
    values = make_client().values("N00945", ["1860"], years=[2009])
    assert [(v.gender, v.value) for v in values] == [("T", 12.3), ("K", None), ("M", 10.1)]
    assert {(v.kpi, v.municipality_id, v.year) for v in values} == {("N00945", "1860", 2009)}


def test_v2_style_string_period_and_unknown_gender_code_are_accepted(make_client):
    body = (
        b'{"values": [{"kpi": "N00945", "municipality": "G92787", "period": "2009",'
        b' "values": [{"gender": "F", "status": "B", "value": 3, "count": 2}]}]}'
    )
    transport = FakeTransport(routes={}, script=[(200, body)])
    [value] = make_client(transport=transport).values("N00945", "G92787", years=2009)
    assert value == KpiValue("N00945", "G92787", 2009, "F", 3.0, "B", 2)


def test_a_failing_second_page_gives_no_partial_result(make_client):
    page1 = (
        b'{"values": [{"kpi": "N00401", "municipality": "0180", "period": 2022, "values": []}],'
        b' "next_url": "https://api.kolada.se/v3/data/kpi/N00401/municipality/0180?page=2"}'
    )
    transport = FakeTransport(routes={}, script=[(200, page1), (400, b"bad")])
    with pytest.raises(KoladaHTTPError):
        make_client(transport=transport).values("N00401", ["0180"])


def test_next_url_to_another_host_is_refused(make_client):
    body = b'{"values": [], "next_url": "https://evil.example/v3/kpi?page=2"}'
    with pytest.raises(KoladaError, match="another host"):
        make_client(transport=FakeTransport(routes={}, script=[(200, body)])).kpis()


def test_next_url_loop_is_refused(make_client):
    body = b'{"values": [], "next_url": "https://api.kolada.se/v3/kpi?per_page=5000"}'
    with pytest.raises(KoladaError, match="pagination does not end"):
        make_client(transport=FakeTransport(routes={}, script=[(200, body)] * 3)).kpis()


# --- retries and errors -------------------------------------------------------------------------------


def test_503_is_retried_with_exponential_backoff_then_succeeds(make_client, transport, sleeps):
    transport.script = [(503, b"busy"), (429, b"slow down")]
    kpi = make_client(backoff=0.5).kpi("N00401")
    assert kpi.id == "N00401"
    assert len(transport.calls) == 3
    assert sleeps == [0.5, 1.0]


def test_gives_up_after_the_retries_with_kolada_unavailable(make_client, transport, sleeps):
    transport.script = [(503, b"")] * 10
    with pytest.raises(KoladaUnavailable) as caught:
        make_client(retries=3, backoff=1).values("N03702", ["0180"], years=[2019])
    assert len(transport.calls) == 4
    assert sleeps == [1, 2, 4]
    error = caught.value
    assert error.attempts == 4
    assert "HTTP 503" in str(error)
    assert "Ingenting har ändrats" in error.user_message_sv
    assert "could not be reached" in error.user_message_en
    assert "Nothing was changed" in error.user_message_en
    assert isinstance(error, KoladaError)


def test_timeouts_and_connection_errors_are_retried_and_timeout_is_passed_on(make_client, transport, sleeps):
    transport.script = [TimeoutError("timed out"), ConnectionResetError("reset by peer")]
    assert make_client(timeout=2.5).kpi("N00401") is not None
    assert [timeout for _, timeout in transport.calls] == [2.5, 2.5, 2.5]
    assert len(sleeps) == 2


def test_only_timeouts_ends_in_kolada_unavailable(make_client, transport):
    transport.script = [TimeoutError("timed out")] * 3
    with pytest.raises(KoladaUnavailable, match="timed out"):
        make_client(retries=2).kpi("N00401")


def test_no_network_raises_kolada_unavailable(make_client, transport):
    transport.script = [urllib.error.URLError("Name or service not known")] * 2
    with pytest.raises(KoladaUnavailable, match="network error") as caught:
        make_client(retries=1).municipality_groups()
    assert caught.value.user_message_sv.startswith("Kolada gick inte att nå")


def test_404_fails_at_once_without_retrying(make_client, transport, sleeps):
    transport.script = [(404, b"")]
    with pytest.raises(KoladaHTTPError) as caught:
        make_client().kpi("N00401")
    assert caught.value.status == 404
    assert not isinstance(caught.value, KoladaUnavailable)
    assert len(transport.calls) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    "body",
    [b"<html>Bad gateway</html>", b'{"values": [', b"\xff\xfe", b""],
    ids=["html", "truncated", "not-utf8", "empty"],
)
def test_malformed_json_raises_kolada_error(make_client, body):
    with pytest.raises(KoladaError, match="malformed JSON"):
        make_client(transport=FakeTransport(routes={}, script=[(200, body)])).kpi("N00401")


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'{"count": 0}',
        b'{"values": {"kpi": "N00401"}}',
        b'{"values": [{"kpi": "N00401", "municipality": "0180", "period": 2022}]}',
        b'{"values": [{"kpi": "N00401", "municipality": "0180", "period": "last year", "values": []}]}',
        b'{"values": [{"kpi": "N00401", "municipality": "0180", "period": 2022, "values": [{"gender": "T"}]}]}',
        b'{"values": [{"kpi": "N00401", "municipality": "0180", "period": 2022,'
        b' "values": [{"gender": "T", "value": "12,3"}]}]}',
        b'{"values": [], "next_url": 5}',
    ],
)
def test_unexpected_shape_raises_kolada_error(make_client, body):
    with pytest.raises(KoladaError, match="Unexpected shape"):
        make_client(transport=FakeTransport(routes={}, script=[(200, body)])).values("N00401", ["0180"])


# --- input validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kpi_id", ["n00401", "N0040", "N004011", "00401", "NN0401", "", None, "N00401,N00402"])
def test_bad_kpi_ids_are_refused_before_any_request(make_client, transport, kpi_id):
    with pytest.raises(ValueError, match="KPI id"):
        make_client().kpi(kpi_id)
    with pytest.raises(ValueError, match="KPI id"):
        make_client().values(kpi_id, ["0180"])
    assert transport.calls == []


@pytest.mark.parametrize("municipality_id", ["180", "01800", "O180", "G", "g92786", "G92786x", 180, "0180,1280"])
def test_bad_municipality_ids_are_refused_before_any_request(make_client, transport, municipality_id):
    with pytest.raises(ValueError, match="municipality id"):
        make_client().values("N00401", ["0180", municipality_id])
    assert transport.calls == []


@pytest.mark.parametrize("ids", [["0000"], ["0001"], ["0025"], ["G92786"], ["G114418"], "0180"])
def test_riket_regions_and_groups_are_accepted(ids):
    transport = FakeTransport(routes={}, script=[(200, b'{"values": []}')])
    assert KoladaClient(transport=transport).values("N00401", ids) == []
    assert len(transport.calls) == 1


@pytest.mark.parametrize("years", [[1850], ["20x0"], [True], [2019.0], []])
def test_bad_years_are_refused(make_client, transport, years):
    with pytest.raises(ValueError):
        make_client().values("N00401", ["0180"], years=years)
    assert transport.calls == []


def test_empty_municipality_list_and_empty_title_are_refused(make_client, transport):
    with pytest.raises(ValueError):
        make_client().values("N00401", [])
    with pytest.raises(ValueError):
        make_client().kpis(title_contains="  ")
    assert transport.calls == []
