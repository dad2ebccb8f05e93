"""peer_comparison: right numbers, one query whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hallbar.kolada.queries import comparison_for, own_code, peer_codes, peer_comparison
from hallbar.kolada.services import set_peer_group
from hallbar.organisations.models import County, Municipality
from tests.factories import OrganisationFactory

from .factories import STORSTADER, KpiValueFactory, link_to_municipality, peer_group_for

pytestmark = pytest.mark.django_db


def fill(kpi, codes, years, value=lambda code, year: float(int(code) % 97 + year % 7)):
    from hallbar.kolada.models import KpiValue

    KpiValue.objects.bulk_create(
        KpiValueFactory.build(kpi=kpi, municipality_code=code, year=year, value=value(code, year))
        for code in codes
        for year in years
    )


def test_peer_comparison_per_year():
    values = {"0180": [3.0, 2.5], "1280": [2.0, 2.0], "1480": [4.0, None], "2480": [1.0, 1.0]}
    for code, series in values.items():
        for year, value in zip((2020, 2021), series, strict=True):
            KpiValueFactory(municipality_code=code, year=year, value=value)
    KpiValueFactory(municipality_code="1280", year=2020, gender="K", value=100.0)  # another gender
    KpiValueFactory(kpi="N00402", municipality_code="1280", year=2020, value=100.0)  # another KPI
    rows = peer_comparison("N00401", "0180", ["1280", "1480", "0180"], "decrease")
    assert [(r.year, r.own, r.n, r.median, r.rank, r.rank_of) for r in rows] == [
        (2020, 3.0, 2, 3.0, 2, 3),  # peers 2.0 and 4.0: median 3.0; lower is better, 2.0 beats 3.0
        (2021, 2.5, 1, 2.0, 2, 2),  # Göteborg has no value in 2021
    ]
    assert rows[0].lower_quartile == 2.5 and rows[0].upper_quartile == 3.5


def test_peer_comparison_by_gender_and_without_direction():
    KpiValueFactory(municipality_code="0180", gender="K", value=1.0)
    KpiValueFactory(municipality_code="1280", gender="K", value=2.0)
    KpiValueFactory(municipality_code="1280", gender="T", value=50.0)
    [row] = peer_comparison("N00401", "0180", ["1280"], None, gender="K")
    assert (row.own, row.median, row.rank) == (1.0, 2.0, None)


@pytest.mark.parametrize("size", [(3, 2), (60, 20)])
def test_peer_comparison_is_one_query_whatever_the_size(size, django_assert_num_queries):
    municipalities, years = size
    codes = [f"{n:04d}" for n in range(100, 100 + municipalities)]
    fill("N00401", codes, range(2000, 2000 + years))
    fill("N00402", codes, range(2000, 2000 + years))
    with django_assert_num_queries(1):
        rows = peer_comparison("N00401", codes[0], codes[1:], "increase")
    assert len(rows) == years and rows[0].n == municipalities - 1


def test_the_read_uses_the_unique_index():
    codes = ["0180", "1280", "1480"]
    with CaptureQueriesContext(connection) as queries:
        peer_comparison("N00401", codes[0], codes[1:], "increase")
    sql = queries.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "USING INDEX" in plan and "(kpi=? AND gender=? AND municipality_code=?)" in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
            assert "kolada_value_one_per_year" in plan, plan


def test_own_code_and_peer_codes():
    organisation = link_to_municipality(OrganisationFactory(), "0180")
    assert own_code(organisation) == "0180"
    region = OrganisationFactory(kind="region", county=County.objects.get(code="01"))
    assert own_code(region) == "0001"
    assert own_code(OrganisationFactory()) is None
    assert peer_codes(None) == []
    group = peer_group_for(organisation, STORSTADER)
    assert peer_codes(group, exclude="0180") == ["1280", "1480"]
    group = set_peer_group(organisation, municipalities=Municipality.objects.filter(code__in=["0114", "0180"]))
    assert peer_codes(group, exclude="0180") == ["0114"]


def test_comparison_for_an_organisation_in_three_queries(django_assert_max_num_queries):
    organisation = link_to_municipality(OrganisationFactory(), "0180")
    peer_group_for(organisation)
    fill("N00401", ["0180", "1280", "1480"], range(2015, 2020))
    organisation = type(organisation).objects.select_related("municipality").get(pk=organisation.pk)
    with django_assert_max_num_queries(3):
        result = comparison_for(organisation, "N00401", "decrease")
    assert result["peer_count"] == 2 and len(result["rows"]) == 5
