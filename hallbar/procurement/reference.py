"""Load the shared reference data (idempotent): the CPV 2008 vocabulary and the criteria library.

Runs after every ``migrate`` (``apps.py``) and with ``manage.py load_procurement_reference``.
Rows are compared with what is stored, so a second run writes nothing.
"""

import csv
import gzip
import io
from functools import cache
from pathlib import Path

import yaml
from django.db import transaction

from .models import CpvCode, Criterion

DATA_DIR = Path(__file__).resolve().parent / "data"
CPV_FILE = DATA_DIR / "cpv_2008_sv_en.csv.gz"
CRITERIA_FILE = DATA_DIR / "criteria.yaml"
CPV_FIELDS = ("level", "parent_id", "label_sv", "label_en")
CRITERION_FIELDS = ("kind", "theme", "level", "title_sv", "title_en", "text_sv", "text_en", "version", "in_library")


def _cpv_rows() -> list[dict]:
    with gzip.open(CPV_FILE, "rb") as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))
    codes = {row["cpv_code"] for row in rows}
    for row in rows:
        row["parent_id"] = _existing_parent(row["parent_code"], codes)
    return sorted(rows, key=lambda row: (int(row["level"]), row["cpv_code"]))


def _existing_parent(parent: str, codes: set[str]) -> str | None:
    """The given parent, or (for the few codes whose parent is not a code) the next existing prefix."""
    if not parent:
        return None
    for length in range(len(parent.rstrip("0")), 1, -1):
        candidate = parent[:length].ljust(8, "0")
        if candidate in codes:
            return candidate
    return None


def load_cpv(using: str = "default") -> int:
    """Create or update every CPV code; returns the number of codes written."""
    existing = {code.pk: code for code in CpvCode.objects.using(using).all()}
    to_create, to_update = [], []
    for row in _cpv_rows():
        values = {
            "level": int(row["level"]),
            "parent_id": row["parent_id"],
            "label_sv": row["label_sv"],
            "label_en": row["label_en"],
        }
        code = existing.get(row["cpv_code"])
        if code is None:
            to_create.append(CpvCode(code=row["cpv_code"], **values))
        elif any(getattr(code, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(code, name, value)
            to_update.append(code)
    CpvCode.objects.using(using).bulk_create(to_create, batch_size=2000)
    CpvCode.objects.using(using).bulk_update(to_update, CPV_FIELDS, batch_size=2000)
    return len(to_create) + len(to_update)


@cache
def criteria_library() -> dict:
    """The parsed ``criteria.yaml``: ``version`` and ``criteria``."""
    return yaml.safe_load(CRITERIA_FILE.read_text(encoding="utf-8"))


def load_criteria(using: str = "default", library: dict | None = None) -> int:
    """Create or update the library's criteria; those no longer in it stay, marked as not in the library."""
    library = library or criteria_library()
    existing = {criterion.key: criterion for criterion in Criterion.objects.using(using).all()}
    written = 0
    for entry in library["criteria"]:
        values = {
            "kind": entry["kind"],
            "theme": entry["theme"],
            "level": entry["level"],
            "title_sv": entry["sv"]["title"],
            "title_en": entry["en"]["title"],
            "text_sv": entry["sv"]["text"],
            "text_en": entry["en"]["text"],
            "in_library": True,
        }
        criterion = existing.pop(entry["key"], None)
        if criterion is None:
            criterion = Criterion(key=entry["key"], version=library["version"], **values)
        elif all(getattr(criterion, name) == value for name, value in values.items()):
            continue
        else:
            for name, value in values.items():
                setattr(criterion, name, value)
            criterion.version = library["version"]
        criterion.full_clean()
        criterion.save(using=using)
        written += 1
    retired = [criterion.pk for criterion in existing.values() if criterion.in_library]
    Criterion.objects.using(using).filter(pk__in=retired).update(in_library=False)
    return written + len(retired)


@transaction.atomic
def load_reference(using: str = "default") -> tuple[int, int]:
    """Load both; returns how many CPV codes and criteria were written."""
    return load_cpv(using), load_criteria(using)
