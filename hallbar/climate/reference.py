"""Load the shipped emission releases (data/releases.yaml) and method presets (data/methods.yaml).

Idempotent: a release or preset whose stored version equals the file's is left alone, so running
migrations again costs a few queries.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

import polars as pl
import yaml
from django.db import transaction

from .release_files import read_csv
from .releases import ReleaseInfo, ReleaseRejected, store

DATA = Path(__file__).parent / "data"


def county_codes() -> dict[str, str]:
    from hallbar.organisations.models import County

    return {name.lower(): code for code, name in County.objects.values_list("code", "name")}


def load_releases() -> int:
    """Store every shipped release whose version differs from the stored one; returns how many changed."""
    from .models import EmissionRelease

    stored = dict(EmissionRelease.objects.values_list("key", "version"))
    changed = 0
    names = None
    for entry in yaml.safe_load((DATA / "releases.yaml").read_text(encoding="utf-8"))["releases"]:
        if stored.get(entry["key"]) == entry["version"]:
            continue
        names = names or county_codes()
        frames, problems = [], []
        for filename in entry["files"]:
            result = read_csv(gzip.decompress((DATA / filename).read_bytes()), filename, names)
            frames.append(result.frame)
            problems.extend(result.problems)
        if problems:
            raise ReleaseRejected(problems)
        info = ReleaseInfo(**{key: entry.get(key, "") for key in ReleaseInfo.__dataclass_fields__})
        make_current = (
            entry["current"]
            and not EmissionRelease.objects.filter(kind=entry["kind"], is_current=True)
            .exclude(key=entry["key"])
            .filter(last_year__gt=_last_year(frames))
            .exists()
        )
        store(info, pl.concat(frames), make_current=make_current)
        changed += 1
    return changed


def _last_year(frames: list[pl.DataFrame]) -> int:
    return max(int(frame["year"].max()) for frame in frames)


def load_methods() -> int:
    """Create or update the shipped presets whose version differs; returns how many changed."""
    from .models import BudgetMethod, EmissionRelease

    changed = 0
    for entry in yaml.safe_load((DATA / "methods.yaml").read_text(encoding="utf-8"))["methods"]:
        entry = dict(entry)
        key, release_key = entry.pop("key"), entry.pop("release")
        entry.pop("default")
        stored = BudgetMethod.objects.filter(organisation=None, key=key).first()
        if stored is not None and stored.version == entry["version"]:
            continue
        with transaction.atomic():
            BudgetMethod.objects.update_or_create(
                organisation=None, key=key, defaults={**entry, "release": EmissionRelease.objects.get(key=release_key)}
            )
        changed += 1
    return changed


@cache
def default_method_key() -> str:
    entries = yaml.safe_load((DATA / "methods.yaml").read_text(encoding="utf-8"))["methods"]
    return next(entry["key"] for entry in entries if entry["default"])
