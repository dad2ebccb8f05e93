"""Factories for environmental statements and core indicator sources (kept with the statement tests)."""

import factory

from hallbar.indicators.models import Indicator
from hallbar.reviews.models import CoreIndicatorSource, EnvironmentalStatement
from tests.factories import OrganisationFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

YEAR = 2025


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnvironmentalStatement

    organisation = factory.SubFactory(OrganisationFactory)
    year = YEAR
    description = "Kommunen har 2 400 anställda i förvaltningar och bolag i Åre."


def yearly_indicator(organisation, title: str, unit: str, values: dict[int, float | None]) -> Indicator:
    """A yearly indicator with whole-organisation, whole-year values."""
    indicator = IndicatorFactory(organisation=organisation, title=title, unit=unit)
    for year, value in values.items():
        IndicatorValueFactory(indicator=indicator, year=year, value=value)
    return indicator


def source_for(organisation, unit=None) -> CoreIndicatorSource:
    """Energy efficiency: A = energy use in MWh, B = the number of employees, 2023–2025; reused."""
    source = CoreIndicatorSource.objects.filter(organisation=organisation, area=CoreIndicatorSource.Area.ENERGY).first()
    if source is not None:
        return source
    energy = yearly_indicator(organisation, "Energianvändning", "MWh", {2023: 12_000, 2024: 11_400, 2025: 10_800})
    employees = yearly_indicator(organisation, "Antal anställda", "anställda", {2023: 2_400, 2024: 2_400, 2025: 2_500})
    return CoreIndicatorSource.objects.create(
        organisation=organisation,
        area=CoreIndicatorSource.Area.ENERGY,
        a_indicator=energy,
        b_indicator=employees,
        note="Fjärrvärme och el enligt fakturor.",
    )


def statement_for(organisation, unit=None) -> EnvironmentalStatement:
    """A draft statement for 2025 with the energy core indicator configured; reused when it exists."""
    statement = EnvironmentalStatement.objects.filter(organisation=organisation, year=YEAR).first()
    if statement is not None:
        return statement
    source_for(organisation, unit)
    return StatementFactory(organisation=organisation)
