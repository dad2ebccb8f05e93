"""Write an organisation's own Kolada values into its indicators (IndicatorValue).

The rule, for each indicator with ``kolada_kpi`` set and each year Kolada has for the organisation's
own municipality (whole organisation: unit empty, period 0 = whole year):

* No value for that year yet → one is created with source "Kolada" and status final: the total in
  ``value``; for an indicator split by gender also women (Kolada gender K) in ``value_women`` and
  men (M) in ``value_men``.
* A value whose source is "Kolada" (compared without case or surrounding spaces) belongs to the
  sync: it is updated when Kolada's numbers changed, and removed when Kolada no longer has a number
  for that year (only when Kolada has some values for this KPI at all, so an empty series never
  wipes anything).
* A value with any other source was entered by the organisation itself and is never overwritten or
  removed; it is counted as "kept" so the page can say so.

Everything for one organisation happens in one transaction, through ``save()``/``delete()`` so the
change history records what the sync did. Values that did not change are not written.
"""

from dataclasses import dataclass

from django.db import transaction

from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.organisations.models import Organisation

from .models import KpiValue
from .queries import own_code

SOURCE = "Kolada"


def is_kolada_source(source: str) -> bool:
    return source.strip().casefold() == SOURCE.casefold()


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0  # years where the organisation's own value (another source) was left as it is

    @property
    def written(self) -> int:
        return self.created + self.updated


def _series(kpis: list[str], code: str) -> dict[str, dict[int, dict[str, float | None]]]:
    """{kpi: {year: {gender: value}}} for the own code (one query)."""
    series: dict[str, dict[int, dict[str, float | None]]] = {}
    rows = KpiValue.objects.filter(kpi__in=kpis, municipality_code=code).values_list("kpi", "year", "gender", "value")
    for kpi, year, gender, value in rows:
        series.setdefault(kpi, {}).setdefault(year, {})[gender] = value
    return series


def _numbers(indicator: Indicator, genders: dict[str, float | None]) -> tuple[float | None, ...]:
    if indicator.split_by_gender:
        return genders.get("T"), genders.get("K"), genders.get("M")
    return genders.get("T"), None, None


def sync_indicator_values(organisation: Organisation, kpi_ids=None) -> SyncResult:
    """Apply the rule above to the organisation's indicators linked to ``kpi_ids`` (default: all)."""
    result = SyncResult()
    code = own_code(organisation)
    if code is None:
        return result
    indicators = [
        indicator
        for indicator in Indicator.objects.filter(organisation=organisation).exclude(kolada_kpi="")
        if kpi_ids is None or indicator.kolada_kpi.strip().upper() in kpi_ids
    ]
    if not indicators:
        return result
    series = _series(sorted({i.kolada_kpi.strip().upper() for i in indicators}), code)
    existing: dict[tuple[int, int], IndicatorValue] = {
        (row.indicator_id, row.year): row
        for row in IndicatorValue.objects.filter(indicator__in=indicators, unit__isnull=True, period=0)
    }
    with transaction.atomic():
        for indicator in indicators:
            years = series.get(indicator.kolada_kpi.strip().upper(), {})
            if not years:
                continue
            for year in sorted(set(years) | {y for (pk, y) in existing if pk == indicator.pk}):
                row = existing.get((indicator.pk, year))
                numbers = _numbers(indicator, years.get(year, {}))
                has_value = any(number is not None for number in numbers)
                if row is not None and not is_kolada_source(row.source):
                    result.kept += has_value
                elif row is not None and not has_value:
                    row.delete()
                    result.deleted += 1
                elif row is None and has_value:
                    IndicatorValue(
                        indicator=indicator,
                        organisation=organisation,
                        unit=None,
                        year=year,
                        period=0,
                        value=numbers[0],
                        value_women=numbers[1],
                        value_men=numbers[2],
                        status=IndicatorValue.Status.FINAL,
                        source=SOURCE,
                    ).save()
                    result.created += 1
                elif row is not None and (
                    (row.value, row.value_women, row.value_men) != numbers or row.status != IndicatorValue.Status.FINAL
                ):
                    row.value, row.value_women, row.value_men = numbers
                    row.status = IndicatorValue.Status.FINAL
                    row.save()
                    result.updated += 1
    return result
