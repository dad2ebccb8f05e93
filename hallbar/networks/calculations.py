"""Pure rules of the shared indicator panel: which indicators of different members measure the same thing.

The same measure in two organisations is recognised by its Kolada KPI id; an indicator without one is
matched with other members' indicators of the same title and unit (ignoring case and surrounding spaces).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PanelRow:
    """One member's line in the panel: own values (only when shared) and Kolada values, per year."""

    organisation: str
    own: dict[int, float]
    kolada: dict[int, float]
    shares_own: bool  # the member shares an indicator of this measure
    kolada_code: str | None


def measure_key(kolada_kpi: str, title: str, unit: str) -> str:
    kpi = (kolada_kpi or "").strip().upper()
    if kpi:
        return f"kpi:{kpi}"
    return f"title:{' '.join(title.split()).casefold()}|{' '.join(unit.split()).casefold()}"


def kpi_of(key: str) -> str | None:
    return key[4:] if key.startswith("kpi:") else None


def panel_years(rows: list[PanelRow]) -> list[int]:
    years: set[int] = set()
    for row in rows:
        years |= row.own.keys() | row.kolada.keys()
    return sorted(years)
