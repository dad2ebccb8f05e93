"""Load the shipped emission-factor sets (data/factor_sets.yaml) and the default account mapping."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import yaml
from django.db import transaction

DATA = Path(__file__).parent / "data"


def load_factor_sets() -> int:
    """Create or update every set whose version differs from the stored one; returns how many changed."""
    from .models import EmissionFactor, FactorSet

    changed = 0
    for entry in yaml.safe_load((DATA / "factor_sets.yaml").read_text(encoding="utf-8"))["sets"]:
        entry = dict(entry)
        filename = entry.pop("file")
        key = entry.pop("key")
        stored = FactorSet.objects.filter(key=key).first()
        if stored is not None and stored.version == entry["version"]:
            continue
        with transaction.atomic():
            factor_set, _created = FactorSet.objects.update_or_create(key=key, defaults=entry)
            rows = _read(DATA / filename)
            existing = {factor.code: factor for factor in factor_set.factors.all()}
            for row in rows:
                values = {
                    "name": row["name"],
                    "unit": row.get("unit", ""),
                    "kg_co2e_per_unit": float(row["kg_co2e_per_unit"]),
                    "reference": f"{row['sheet']}, row {row['row']}" if row.get("sheet") else "",
                }
                factor = existing.get(row["code"])
                if factor is None:
                    EmissionFactor.objects.create(factor_set=factor_set, code=row["code"], **values)
                else:
                    for name, value in values.items():
                        setattr(factor, name, value)
                    factor.save()
        changed += 1
    return changed


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def default_mapping() -> dict:
    return yaml.safe_load((DATA / "default_mapping.yaml").read_text(encoding="utf-8"))


@cache
def average_prices() -> dict[str, dict[int, float]]:
    """Activity factor code → year → shipped average price in SEK excluding VAT per unit."""
    entries = yaml.safe_load((DATA / "average_prices.yaml").read_text(encoding="utf-8"))["prices"]
    return {
        code: {int(year): float(price) for year, price in entry["years"].items()} for code, entry in entries.items()
    }
