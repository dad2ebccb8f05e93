"""Factories for indicators and their values (kept with the indicators tests)."""

import factory

from hallbar.indicators.models import Indicator, IndicatorValue
from tests.factories import OrganisationFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Växthusgasutsläpp {n}")
    unit = "ton CO2e/invånare"
    direction = Indicator.Direction.DECREASE
    source = "Nationella emissionsdatabasen"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.SelfAttribute("indicator.organisation")
    year = factory.Sequence(lambda n: 2000 + n % 25)
    value = 4.0


def indicator_for(organisation, unit=None) -> Indicator:
    """An indicator (responsible ``unit``) with five yearly values, linked to the plan tree's target; reused."""
    from hallbar.plans.models import Target
    from tests.plans.factories import plan_tree_for

    indicator = Indicator.objects.filter(organisation=organisation, title="Utsläpp per invånare").first()
    if indicator is not None:
        return indicator
    indicator = IndicatorFactory(organisation=organisation, title="Utsläpp per invånare", responsible_unit=unit)
    for year, value in zip(range(2019, 2024), [4.5, 4.3, 4.0, 3.9, 3.6], strict=True):
        IndicatorValueFactory(indicator=indicator, year=year, value=value)
    Target.objects.filter(goal__plan=plan_tree_for(organisation, unit)).update(indicator=indicator)
    return indicator
