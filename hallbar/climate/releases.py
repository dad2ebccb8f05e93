"""Storing an emission release: checked as a whole, then written all at once or not at all.

A new release replaces nothing until it has passed every check; the release that was current stays
current when a file is rejected. Releases are never merged: loading a release with the same key
replaces all of its figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from hallbar.organisations.models import County, Municipality

from .models import AreaKind, Emission, EmissionRelease, Sector
from .release_files import AreaNames, read_file

MAX_LISTED = 10  # codes named in one problem before "and N more"


@dataclass(frozen=True)
class ReleaseInfo:
    key: str
    name: str
    version: str
    unit: str
    publisher: str
    citation: str
    kind: str = EmissionRelease.Kind.TERRITORIAL
    url: str = ""
    licence: str = ""
    note: str = ""


class ReleaseRejected(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def with_totals(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds the total of every area and year that has sector figures but no total."""
    sectors = frame.filter(pl.col("sector") != "")
    totals = frame.filter(pl.col("sector") == "")
    derived = (
        sectors.group_by("area_kind", "area_code", "year")
        .agg(pl.col("value").sum())
        .join(totals, on=["area_kind", "area_code", "year"], how="anti")
        .select("area_kind", "area_code", pl.lit("").alias("sector"), "year", "value")
    )
    return pl.concat([frame, derived.cast(frame.schema)]) if derived.height else frame


def problems_in(frame: pl.DataFrame) -> list[str]:
    """Everything that stops a release from being stored, as sentences for the person loading it."""
    problems = []
    duplicates = frame.filter(frame.select("area_kind", "area_code", "sector", "year").is_duplicated())
    if duplicates.height:
        sample = duplicates.unique(["area_code", "sector", "year"]).head(MAX_LISTED)
        problems.append(
            _("The same figure appears more than once: %(list)s.")
            % {
                "list": ", ".join(
                    f"{r['area_code']} {r['sector'] or _('total')} {r['year']}" for r in sample.iter_rows(named=True)
                )
            }
        )
    known = {
        AreaKind.MUNICIPALITY: set(Municipality.objects.values_list("code", flat=True)),
        AreaKind.COUNTY: set(County.objects.values_list("code", flat=True)),
    }
    for area_kind, codes in known.items():
        given = set(frame.filter(pl.col("area_kind") == area_kind)["area_code"].unique().to_list())
        if unknown := sorted(given - codes):
            problems.append(
                _("Unknown %(kind)s codes: %(list)s.")
                % {"kind": AreaKind(area_kind).label.lower(), "list": _listed(unknown)}
            )
    municipalities = frame.filter((pl.col("area_kind") == AreaKind.MUNICIPALITY) & (pl.col("sector") == ""))
    if missing := sorted(known[AreaKind.MUNICIPALITY] - set(municipalities["area_code"].unique().to_list())):
        problems.append(
            _("The release lacks %(count)s municipalities: %(list)s. A release must cover every municipality.")
            % {"count": len(missing), "list": _listed(missing)}
        )
    problems.extend(_missing_years(frame))
    return problems


def _missing_years(frame: pl.DataFrame) -> list[str]:
    """Every area of a kind must have a figure for every year the release has for that kind and sector."""
    problems = []
    expected = frame.group_by("area_kind", "sector").agg(pl.col("year").n_unique().alias("expected"))
    counted = frame.group_by("area_kind", "area_code", "sector").agg(
        pl.col("year").n_unique().alias("count"), pl.col("year").alias("years")
    )
    short = counted.join(expected, on=["area_kind", "sector"]).filter(pl.col("count") < pl.col("expected"))
    if short.height:
        all_years = frame.group_by("area_kind", "sector").agg(pl.col("year").unique().alias("all"))
        rows = short.join(all_years, on=["area_kind", "sector"]).sort("area_code").head(MAX_LISTED)
        listed = [
            f"{r['area_code']} {r['sector'] or _('total')}: {_years(set(r['all']) - set(r['years']))}"
            for r in rows.iter_rows(named=True)
        ]
        problems.append(
            _(
                "Years are missing for %(count)s series (%(list)s). SMHI publishes every series for the same years; "
                "check that the whole export was saved."
            )
            % {"count": short.height, "list": "; ".join(listed)}
        )
    return problems


def _years(years: set[int]) -> str:
    return ", ".join(map(str, sorted(years)))


def _listed(codes: list[str]) -> str:
    shown = ", ".join(codes[:MAX_LISTED])
    if len(codes) > MAX_LISTED:
        shown += " " + _("and %(count)s more") % {"count": len(codes) - MAX_LISTED}
    return shown


def store(info: ReleaseInfo, frame: pl.DataFrame, *, user=None, make_current: bool = True) -> EmissionRelease:
    """Check the whole release and store it, replacing an earlier load with the same key."""
    frame = with_totals(frame)
    problems = problems_in(frame)
    if problems:
        raise ReleaseRejected(problems)
    years = frame["year"]
    with transaction.atomic():
        release, _created = EmissionRelease.objects.update_or_create(
            key=info.key,
            defaults={
                "kind": info.kind,
                "name": info.name,
                "version": info.version,
                "unit": info.unit,
                "publisher": info.publisher,
                "citation": info.citation,
                "url": info.url,
                "licence": info.licence,
                "note": info.note,
                "first_year": int(years.min()),
                "last_year": int(years.max()),
                "loaded_by": user,
            },
        )
        release.emissions.all().delete()
        Emission.objects.bulk_create(
            (Emission(release=release, **row) for row in frame.iter_rows(named=True)), batch_size=5000
        )
        if make_current:
            make_release_current(release)
    return release


def make_release_current(release: EmissionRelease) -> None:
    with transaction.atomic():
        EmissionRelease.objects.filter(kind=release.kind, is_current=True).exclude(pk=release.pk).update(
            is_current=False
        )
        if not release.is_current:
            release.is_current = True
            release.save(update_fields=["is_current"])


# Loading a release from uploaded files (the operators' page and ``manage.py load_emission_release``) ------


@dataclass(frozen=True)
class Loaded:
    release: EmissionRelease
    figures: int  # figures stored
    replaced: bool  # an earlier load with the same key was replaced


def area_names() -> AreaNames:
    return AreaNames(
        counties={name.lower(): code for code, name in County.objects.values_list("code", "name")},
        municipalities={name.lower(): code for code, name in Municipality.objects.values_list("code", "name")},
    )


def shipped_keys() -> set[str]:
    """Keys of the releases shipped in data/releases.yaml: they are reloaded from there on every update."""
    path = Path(__file__).parent / "data" / "releases.yaml"
    return {entry["key"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["releases"]}


def info_problems(info: ReleaseInfo) -> list[str]:
    """What stops a release with this description from replacing or joining the stored ones."""
    problems = []
    if info.key in shipped_keys():
        problems.append(
            _(
                "The key %(key)s belongs to a release shipped with Hållbar, which is restored from its own files on "
                "every update. Give the new release a key of its own, e.g. smhi-2027."
            )
            % {"key": info.key}
        )
        return problems
    stored = EmissionRelease.objects.filter(key=info.key).first()
    if stored is not None and stored.kind != info.kind:
        problems.append(
            _("A release with the key %(key)s already holds %(kind)s; a release keeps its kind. Choose another key.")
            % {"key": info.key, "kind": stored.get_kind_display().lower()}
        )
    if stored is not None and stored.version == info.version:
        problems.append(
            _(
                "The release %(key)s is already stored as version %(version)s. Raise the version to replace its "
                "figures as a whole."
            )
            % {"key": info.key, "version": info.version}
        )
    return problems


def read_release(files: list[tuple[str, bytes]]) -> tuple[pl.DataFrame | None, list[str]]:
    """All files of one release as one long table, or the reading problems of every file."""
    names = area_names()
    frames, problems = [], []
    for name, content in files:
        result = read_file(content, name, names)
        frames.append(result.frame)
        problems.extend(result.problems)
    if problems:
        return None, problems
    frame = pl.concat(frames)
    if frame.is_empty():
        return None, [_("The files hold no figures.")]
    return frame, []


def load_release(info: ReleaseInfo, files: list[tuple[str, bytes]], *, user=None, make_current: bool = False) -> Loaded:
    """Read, check and store a release from (file name, content) pairs; raises ReleaseRejected with every problem.

    Nothing is stored unless the description, every file and the whole release pass their checks; the
    release that was current stays current unless this one is stored and ``make_current`` is set.
    """
    problems = info_problems(info)
    frame, reading = read_release(files)
    problems += reading
    if frame is not None and not problems:
        problems += problems_in(with_totals(frame))
    if problems:
        raise ReleaseRejected(problems)
    replaced = EmissionRelease.objects.filter(key=info.key).exists()
    release = store(info, frame, user=user, make_current=make_current)
    return Loaded(release=release, figures=release.emissions.count(), replaced=replaced)


def coverage(release: EmissionRelease) -> dict:
    """What a release holds: the areas of each kind, its sectors and its years."""
    figures = release.emissions.order_by()  # no default ordering: it would defeat DISTINCT
    areas = {
        row["area_kind"]: row["areas"]
        for row in figures.values("area_kind").annotate(areas=Count("area_code", distinct=True)).order_by()
    }
    sectors = set(figures.exclude(sector="").values_list("sector", flat=True).distinct())
    return {
        "areas": [(kind.label, areas[kind.value]) for kind in AreaKind if kind.value in areas],
        "sectors": [sector.label for sector in Sector if sector.value in sectors],
        "years": sorted(set(figures.values_list("year", flat=True).distinct())),
        "figures": figures.count(),
    }
