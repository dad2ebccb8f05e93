"""Writing Kolada values into IndicatorValue: created, updated, removed, never over the organisation's own."""

import pytest

from hallbar.history.models import ChangeRecord
from hallbar.indicators.models import IndicatorValue
from hallbar.kolada.services import refresh_organisation
from hallbar.kolada.sync import sync_indicator_values
from tests.factories import OrganisationFactory, UnitFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

from .conftest import BASE, ROUTES, FakeTransport
from .factories import KpiValueFactory, link_to_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return link_to_municipality(OrganisationFactory(), "0180")


def values_of(indicator):
    return {
        v.year: (v.value, v.value_women, v.value_men, v.source)
        for v in IndicatorValue.objects.filter(indicator=indicator, unit__isnull=True, period=0)
    }


def test_new_values_are_created_for_the_whole_organisation(organisation):
    indicator = IndicatorFactory(organisation=organisation, kolada_kpi="N00401")
    KpiValueFactory(year=2020, value=3.0)
    KpiValueFactory(year=2021, value=2.5)
    KpiValueFactory(year=2021, municipality_code="1280", value=9.9)  # a peer's value: not written
    KpiValueFactory(kpi="N00402", year=2021, value=7.0)  # another KPI
    result = sync_indicator_values(organisation)
    assert (result.created, result.updated, result.kept) == (2, 0, 0)
    assert values_of(indicator) == {2020: (3.0, None, None, "Kolada"), 2021: (2.5, None, None, "Kolada")}
    row = IndicatorValue.objects.get(indicator=indicator, year=2020)
    assert row.status == IndicatorValue.Status.FINAL and row.organisation == organisation


def test_women_and_men_are_written_only_when_the_indicator_is_split_by_gender(organisation):
    split = IndicatorFactory(organisation=organisation, kolada_kpi="N00401", split_by_gender=True)
    total_only = IndicatorFactory(organisation=organisation, kolada_kpi="N00401", split_by_gender=False)
    KpiValueFactory(year=2020, gender="T", value=3.0)
    KpiValueFactory(year=2020, gender="K", value=2.0)
    KpiValueFactory(year=2020, gender="M", value=4.0)
    sync_indicator_values(organisation)
    assert values_of(split) == {2020: (3.0, 2.0, 4.0, "Kolada")}
    assert values_of(total_only) == {2020: (3.0, None, None, "Kolada")}


def test_own_values_with_another_source_are_never_overwritten(organisation):
    indicator = IndicatorFactory(organisation=organisation, kolada_kpi="N00401")
    IndicatorValueFactory(indicator=indicator, year=2020, value=5.5, source="Egen mätning")
    IndicatorValueFactory(indicator=indicator, year=2019, value=1.0, source="")  # typed in, no source given
    KpiValueFactory(year=2020, value=3.0)
    KpiValueFactory(year=2019, value=None)  # Kolada has no number: nothing to keep
    result = sync_indicator_values(organisation)
    assert (result.created, result.updated, result.deleted, result.kept) == (0, 0, 0, 1)
    assert values_of(indicator) == {2020: (5.5, None, None, "Egen mätning"), 2019: (1.0, None, None, "")}


def test_kolada_values_are_updated_removed_and_unit_values_left_alone(organisation):
    indicator = IndicatorFactory(organisation=organisation, kolada_kpi="N00401")
    IndicatorValueFactory(indicator=indicator, year=2019, value=1.0, source=" kolada ")
    IndicatorValueFactory(indicator=indicator, year=2020, value=1.0, source="Kolada", status="preliminary")
    IndicatorValueFactory(indicator=indicator, year=2021, value=2.0, source="Kolada")
    unit_value = IndicatorValueFactory(
        indicator=indicator, unit=UnitFactory(organisation=organisation), year=2020, value=8.0, source="Kolada"
    )
    KpiValueFactory(year=2019, value=1.0)  # unchanged: not written
    KpiValueFactory(year=2020, value=3.0)  # changed
    KpiValueFactory(year=2021, value=None)  # withdrawn: removed
    result = sync_indicator_values(organisation)
    assert (result.created, result.updated, result.deleted) == (0, 1, 1)
    assert values_of(indicator) == {2019: (1.0, None, None, " kolada "), 2020: (3.0, None, None, "Kolada")}
    assert IndicatorValue.objects.get(indicator=indicator, year=2020, unit__isnull=True).status == "final"
    unit_value.refresh_from_db()
    assert unit_value.value == 8.0


def test_an_empty_series_removes_nothing(organisation):
    indicator = IndicatorFactory(organisation=organisation, kolada_kpi="N00401")
    IndicatorValueFactory(indicator=indicator, year=2020, value=1.0, source="Kolada")
    assert sync_indicator_values(organisation).deleted == 0
    assert values_of(indicator) == {2020: (1.0, None, None, "Kolada")}


def test_a_second_sync_writes_nothing_and_history_records_the_first(organisation):
    indicator = IndicatorFactory(organisation=organisation, kolada_kpi="N00401")
    KpiValueFactory(year=2020, value=3.0)
    sync_indicator_values(organisation)
    records = ChangeRecord.objects.filter(organisation=organisation, content_type__model="indicatorvalue")
    assert records.count() == 1
    result = sync_indicator_values(organisation)
    assert result.written == 0 and records.count() == 1
    assert values_of(indicator)


def test_other_organisations_are_not_touched(organisation):
    other = link_to_municipality(OrganisationFactory(), "0180")
    other_indicator = IndicatorFactory(organisation=other, kolada_kpi="N00401")
    IndicatorFactory(organisation=organisation, kolada_kpi="N00401")
    KpiValueFactory(year=2020, value=3.0)
    sync_indicator_values(organisation)
    assert not IndicatorValue.objects.filter(indicator=other_indicator).exists()


def test_end_to_end_with_the_documented_gender_example(make_client):
    """The v3 format document's data object (1860, 2009: T 12.3, K null, M 10.1) into a split indicator."""
    organisation = link_to_municipality(OrganisationFactory(), "1860")
    indicator = IndicatorFactory(organisation=organisation, kolada_kpi="N00945", split_by_gender=True)
    routes = {
        **ROUTES,
        f"{BASE}/data/kpi/N00945/municipality/1860?per_page=5000": "data_N00945_1860_2009_doc_example.json",
    }
    refresh_organisation(organisation, client=make_client(transport=FakeTransport(routes)))
    assert values_of(indicator) == {2009: (12.3, None, 10.1, "Kolada")}
