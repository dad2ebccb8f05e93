"""The default significance criteria and settings, read from ``data/significance.yaml`` (versioned).

Read once per process and checked when read, so a broken file fails loudly instead of seeding half
a set of criteria. Writing them into an organisation is :func:`hallbar.aspects.services.ensure_settings`.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .calculations import Method

DATA_FILE = Path(__file__).resolve().parent / "data" / "significance.yaml"


@dataclass(frozen=True)
class DefaultCriterion:
    key: str
    order: int
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str


@dataclass(frozen=True)
class Defaults:
    version: int
    method: str
    threshold: int
    review_interval_months: int
    criteria: tuple[DefaultCriterion, ...]


def parse(data: dict) -> Defaults:
    settings = data["settings"]
    if settings["method"] not in Method.values:
        raise ValueError(f"{DATA_FILE.name}: unknown method {settings['method']!r}.")
    criteria = tuple(
        DefaultCriterion(
            key=entry["key"],
            order=int(entry["order"]),
            name_sv=entry["name"]["sv"],
            name_en=entry["name"]["en"],
            description_sv=entry["description"]["sv"],
            description_en=entry["description"]["en"],
        )
        for entry in data["criteria"]
    )
    keys = [criterion.key for criterion in criteria]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{DATA_FILE.name}: a criterion key appears twice.")
    return Defaults(
        version=int(data["version"]),
        method=settings["method"],
        threshold=int(settings["threshold"]),
        review_interval_months=int(settings["review_interval_months"]),
        criteria=criteria,
    )


@cache
def defaults() -> Defaults:
    with open(DATA_FILE, encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle))
