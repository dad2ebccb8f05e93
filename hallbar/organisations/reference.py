"""Load the reference list of Swedish counties and municipalities (idempotent)."""

import csv
from pathlib import Path

from django.db import transaction

from .models import County, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@transaction.atomic
def load_municipalities(using: str = "default") -> tuple[int, int]:
    """Create or update all counties and municipalities; returns (counties, municipalities)."""
    counties = {}
    for row in _rows("counties.csv"):
        county, _ = County.objects.using(using).update_or_create(
            code=row["lan_code"],
            defaults={"name": row["lan_name"], "population": int(row["population_2024_12_31"])},
        )
        counties[county.code] = county
    existing = {m.code: m for m in Municipality.objects.using(using).all()}
    to_create, to_update = [], []
    for row in _rows("municipalities.csv"):
        values = {
            "name": row["kommun_name"],
            "county": counties[row["lan_code"]],
            "skr_group": row["skr_group_code"],
            "skr_group_name": row["skr_group_name_kolada"],
            "population": int(row["population_2024_12_31"]),
        }
        municipality = existing.get(row["kommun_code"])
        if municipality is None:
            to_create.append(Municipality(code=row["kommun_code"], **values))
        else:
            for name, value in values.items():
                setattr(municipality, name, value)
            to_update.append(municipality)
    Municipality.objects.using(using).bulk_create(to_create)
    Municipality.objects.using(using).bulk_update(
        to_update, ["name", "county", "skr_group", "skr_group_name", "population"]
    )
    return len(counties), len(to_create) + len(to_update)
