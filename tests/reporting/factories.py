"""Factories for reporting rounds (kept with the reporting tests)."""

from datetime import date

import factory

from hallbar.reporting import services
from hallbar.reporting.models import ReportingRound, UnitReport
from tests.factories import OrganisationFactory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingRound

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Tertial {n % 3 + 1} 2026")
    year = 2026
    frequency = "tertial"
    period = 2
    deadline = date(2026, 9, 15)


def round_for(organisation, unit) -> ReportingRound:
    """An open T2 round asking ``unit`` to report; reused when it exists."""
    existing = ReportingRound.objects.filter(organisation=organisation, title="Tertial 2 2026").first()
    if existing is not None:
        return existing
    return services.open_round(
        organisation=organisation,
        title="Tertial 2 2026",
        year=2026,
        frequency="tertial",
        period=2,
        deadline=date(2026, 9, 15),
        units=[unit],
    )


def report_for(organisation, unit) -> UnitReport:
    return round_for(organisation, unit).reports.get(unit=unit)
