"""The KPI catalogue and municipality groups: loaded from the CSV snapshot in ``data/`` after every
migrate (skipped when the snapshot is unchanged), and refreshed from the API by ``services``.

Both paths end in :func:`store_catalogue`, which writes in bulk and only what changed. KPIs and
groups that disappear from a source are kept (indicators and comparison groups may point at them);
the members of every group that is in the source are replaced by the source's list.
"""

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hallbar.organisations.models import Municipality

from . import records
from .models import GroupMember, KoladaState, Kpi, MunicipalityGroup

DATA_DIR = Path(__file__).resolve().parent / "data"
SNAPSHOT_FILES = (
    "kolada_kpi_metadata.csv",
    "kolada_municipality_groups.csv",
    "kolada_municipality_group_members.csv",
)
KPI_FIELDS = (
    "title",
    "description",
    "is_divided_by_gender",
    "municipality_type",
    "auspice",
    "operating_area",
    "perspective",
    "prel_publication_date",
    "publication_date",
    "publ_period",
    "has_ou_data",
)
BATCH = 1000


@dataclass
class CatalogueReport:
    kpis_created: int = 0
    kpis_updated: int = 0
    groups_created: int = 0
    groups_updated: int = 0
    members_added: int = 0
    members_removed: int = 0
    members_updated: int = 0

    @property
    def changed(self) -> bool:
        return any(vars(self).values())

    def summary(self) -> str:
        return (
            f"Kolada catalogue: {self.kpis_created} KPIs created, {self.kpis_updated} updated; "
            f"{self.groups_created} groups created, {self.groups_updated} updated; "
            f"{self.members_added} members added, {self.members_removed} removed, {self.members_updated} updated."
        )


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _kpi_values(kpi: records.Kpi) -> tuple:
    return (
        kpi.title[:300],
        kpi.description,
        kpi.is_divided_by_gender,
        kpi.municipality_type if kpi.municipality_type in Kpi.MunicipalityType.values else "",
        (kpi.auspice or "")[:8],
        kpi.operating_area[:200],
        kpi.perspective[:100],
        _date(kpi.prel_publication_date),
        _date(kpi.publication_date),
        (kpi.publ_period or "")[:8],
        kpi.has_ou_data,
    )


def _store_kpis(kpis: list[records.Kpi], using: str, report: CatalogueReport) -> None:
    existing = {row[0]: tuple(row[1:]) for row in Kpi.objects.using(using).values_list("id", *KPI_FIELDS)}
    to_create, to_update = [], []
    for kpi in kpis:
        values = _kpi_values(kpi)
        if kpi.id not in existing:
            to_create.append(Kpi(id=kpi.id, **dict(zip(KPI_FIELDS, values, strict=True))))
        elif existing[kpi.id] != values:
            to_update.append(Kpi(id=kpi.id, **dict(zip(KPI_FIELDS, values, strict=True))))
    Kpi.objects.using(using).bulk_create(to_create, batch_size=BATCH)
    Kpi.objects.using(using).bulk_update(to_update, KPI_FIELDS, batch_size=BATCH)
    report.kpis_created += len(to_create)
    report.kpis_updated += len(to_update)


def _store_groups(groups: list[records.MunicipalityGroup], using: str, report: CatalogueReport) -> None:
    titles = dict(MunicipalityGroup.objects.using(using).values_list("id", "title"))
    new = [MunicipalityGroup(id=g.id, title=g.title[:300]) for g in groups if g.id not in titles]
    changed = [
        MunicipalityGroup(id=g.id, title=g.title[:300])
        for g in groups
        if g.id in titles and titles[g.id] != g.title[:300]
    ]
    MunicipalityGroup.objects.using(using).bulk_create(new, batch_size=BATCH)
    MunicipalityGroup.objects.using(using).bulk_update(changed, ["title"], batch_size=BATCH)
    report.groups_created += len(new)
    report.groups_updated += len(changed)

    municipality_ids = dict(Municipality.objects.using(using).values_list("code", "pk"))
    wanted = {
        (group.id, member.id): (member.title[:200], municipality_ids.get(member.id))
        for group in groups
        for member in group.members
    }
    group_ids = [g.id for g in groups]
    existing = {}
    for start in range(0, len(group_ids), BATCH):
        rows = GroupMember.objects.using(using).filter(group_id__in=group_ids[start : start + BATCH])
        for pk, group_id, code, title, municipality_id in rows.values_list(
            "pk", "group_id", "code", "title", "municipality_id"
        ):
            existing[(group_id, code)] = (pk, title, municipality_id)
    removed = [pk for key, (pk, *_rest) in existing.items() if key not in wanted]
    for start in range(0, len(removed), BATCH):
        GroupMember.objects.using(using).filter(pk__in=removed[start : start + BATCH]).delete()
    added = [
        GroupMember(group_id=group_id, code=code, title=title, municipality_id=municipality_id)
        for (group_id, code), (title, municipality_id) in wanted.items()
        if (group_id, code) not in existing
    ]
    updated = [
        GroupMember(pk=existing[key][0], title=title, municipality_id=municipality_id)
        for key, (title, municipality_id) in wanted.items()
        if key in existing and existing[key][1:] != (title, municipality_id)
    ]
    GroupMember.objects.using(using).bulk_create(added, batch_size=BATCH)
    GroupMember.objects.using(using).bulk_update(updated, ["title", "municipality"], batch_size=BATCH)
    report.members_added += len(added)
    report.members_removed += len(removed)
    report.members_updated += len(updated)


def store_catalogue(kpis=(), groups=(), using: str = "default") -> CatalogueReport:
    """Create or update KPIs and groups (with their members) from client records, in bulk, atomically."""
    report = CatalogueReport()
    with transaction.atomic(using=using):
        if kpis:
            _store_kpis(list(kpis), using, report)
        if groups:
            _store_groups(list(groups), using, report)
    return report


# --- The CSV snapshot ---------------------------------------------------------------------------------


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def snapshot_hash() -> str:
    digest = hashlib.sha256()
    for name in SNAPSHOT_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def snapshot_kpis() -> list[records.Kpi]:
    return [records.parse_kpi(row) for row in _rows("kolada_kpi_metadata.csv")]


def snapshot_groups() -> list[records.MunicipalityGroup]:
    members: dict[str, list[records.GroupMember]] = {}
    for row in _rows("kolada_municipality_group_members.csv"):
        members.setdefault(row["group_id"], []).append(records.GroupMember(row["member_id"], row["member_title"]))
    return [
        records.MunicipalityGroup(row["id"], row["title"], tuple(members.get(row["id"], ())))
        for row in _rows("kolada_municipality_groups.csv")
    ]


def load_snapshot(using: str = "default", force: bool = False) -> CatalogueReport | None:
    """Load the CSV snapshot; None (one query, nothing written) when this snapshot is already loaded."""
    digest = snapshot_hash()
    state = KoladaState.get(using)
    if state.snapshot_hash == digest and not force:
        return None
    with transaction.atomic(using=using):
        report = store_catalogue(snapshot_kpis(), snapshot_groups(), using=using)
        state.snapshot_hash = digest
        if state.catalogue_refreshed_at is None:
            state.catalogue_refreshed_at = timezone.now()
        state.save(using=using)
    return report
