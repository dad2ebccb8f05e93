"""Factories for the Kolada app (reference data comes from the snapshot loaded after migrate)."""

import factory
from django.utils import timezone

from hallbar.kolada.models import FetchStatus, KpiValue, MunicipalityGroup, PeerGroup
from hallbar.organisations.models import Municipality

STORSTADER = "G92787"  # Storstäder: Stockholm 0180, Göteborg 1480, Malmö 1280


class KpiValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiValue

    kpi = "N00401"
    municipality_code = "0180"
    year = 2020
    gender = KpiValue.Gender.TOTAL
    value = 1.0
    count = 1
    fetched_at = factory.LazyFunction(timezone.now)


def link_to_municipality(organisation, code: str = "0180"):
    organisation.municipality = Municipality.objects.get(code=code)
    organisation.save()
    return organisation


def peer_group_for(organisation, group_id: str = STORSTADER) -> PeerGroup:
    """The organisation's comparison group (reused): a Kolada group."""
    existing = PeerGroup.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    return PeerGroup.objects.create(
        organisation=organisation, basis=PeerGroup.Basis.GROUP, kolada_group=MunicipalityGroup.objects.get(pk=group_id)
    )


def fetch_status_for(organisation) -> FetchStatus:
    status, _created = FetchStatus.objects.get_or_create(
        organisation=organisation, defaults={"last_success_at": timezone.now(), "indicator_values_written": 3}
    )
    return status


def kolada_demo_for(organisation, kpi: str = "N00401") -> str:
    """Organisation in Stockholm comparing with Storstäder, an indicator linked to ``kpi`` and three
    years of values for all three cities; returns the KPI id (used by the browser walk)."""
    from tests.indicators.factories import IndicatorFactory

    if organisation.municipality_id is None:
        link_to_municipality(organisation, "0180")
    peer_group_for(organisation)
    if not organisation.indicators.filter(kolada_kpi=kpi).exists():
        IndicatorFactory(organisation=organisation, title=f"Kolada {kpi}", kolada_kpi=kpi)
    if not KpiValue.objects.filter(kpi=kpi).exists():
        for year, values in {2020: (3.1, 2.0, 2.6), 2021: (3.0, 2.1, 2.4), 2022: (2.8, 2.2, 2.5)}.items():
            for code, value in zip(("0180", "1280", "1480"), values, strict=True):
                KpiValueFactory(kpi=kpi, municipality_code=code, year=year, value=value)
    return kpi
