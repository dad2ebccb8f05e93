"""Writes of indicator values that other apps (reporting rounds) make one at a time."""

from django.db import transaction

from .models import Indicator, IndicatorValue
from .periods import valid_periods


@transaction.atomic
def record_value(indicator: Indicator, *, unit, year: int, period: int, **fields) -> IndicatorValue:
    """Create or replace the value of ``indicator`` for ``unit`` (None = whole organisation) and period.

    ``fields`` are value, value_women, value_men, status, source and comment; the value is validated
    like a form would (period fits the frequency, the unit belongs to the organisation).
    """
    if period not in valid_periods(indicator.frequency):
        raise ValueError(f"period {period} does not exist for a {indicator.frequency} indicator")
    value = IndicatorValue.objects.filter(indicator=indicator, unit=unit, year=year, period=period).first()
    value = value or IndicatorValue(indicator=indicator, organisation_id=indicator.organisation_id, unit=unit)
    value.year, value.period = year, period
    for name, field_value in fields.items():
        setattr(value, name, field_value)
    value.full_clean(validate_constraints=False)
    value.save()
    return value
