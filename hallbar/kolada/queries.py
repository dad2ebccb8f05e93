"""Reads of Kolada data in a fixed number of queries, whatever the amount of data."""

from django.db.models import Q

from hallbar.organisations.models import Organisation

from .calculations import PeerYear, peer_statistics
from .models import GroupMember, KpiValue, PeerGroup


def own_code(organisation: Organisation) -> str | None:
    """The Kolada code the organisation's own values are reported under: its municipality's code, or
    00 + county code for a region (Kolada's 0001 is Region Stockholm, county 01). No query when the
    municipality/county is already loaded (select_related)."""
    if organisation.municipality_id:
        return organisation.municipality.code
    if organisation.kind == Organisation.Kind.REGION and organisation.county_id:
        return f"00{organisation.county.code}"
    return None


def peer_group_of(organisation: Organisation) -> PeerGroup | None:
    return PeerGroup.objects.select_related("kolada_group").filter(organisation=organisation).first()


def peer_codes(peer_group: PeerGroup | None, exclude: str | None = None) -> list[str]:
    """Kolada codes of the peers (one query), sorted, without ``exclude`` (the own code)."""
    if peer_group is None:
        return []
    if peer_group.basis == PeerGroup.Basis.GROUP:
        if not peer_group.kolada_group_id:
            return []
        codes = GroupMember.objects.filter(group_id=peer_group.kolada_group_id).values_list("code", flat=True)
    else:
        codes = peer_group.municipalities.values_list("code", flat=True)
    return sorted({code for code in codes if code != exclude})


def peer_members(peer_group: PeerGroup | None, exclude: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of the peers, for display (one query)."""
    if peer_group is None:
        return []
    if peer_group.basis == PeerGroup.Basis.GROUP:
        rows = GroupMember.objects.filter(group_id=peer_group.kolada_group_id).values_list("code", "title")
    else:
        rows = peer_group.municipalities.values_list("code", "name")
    return sorted(((code, name) for code, name in rows if code != exclude), key=lambda row: row[1])


def peer_comparison(
    kpi_id: str, own_code: str, peer_codes: list[str], direction: str | None, gender: str = "T"
) -> list[PeerYear]:
    """Per year: own value, peers' median and quartiles, own rank (see calculations). One query.

    The read is ``kpi = … AND gender = … AND municipality_code IN (…)``: a range scan of the
    unique index (kpi, gender, municipality_code, year), ~5,800 rows for 290 municipalities × 20 years.
    """
    peers = [code for code in dict.fromkeys(peer_codes) if code != own_code]
    rows = KpiValue.objects.filter(
        Q(municipality_code__in=[own_code, *peers]), kpi=kpi_id, gender=gender, value__isnull=False
    ).values_list("municipality_code", "year", "value")
    own_by_year: dict[int, float] = {}
    peers_by_year: dict[int, list[float]] = {}
    for code, year, value in rows.iterator(chunk_size=10000):
        if code == own_code:
            own_by_year[year] = value
        else:
            peers_by_year.setdefault(year, []).append(value)
    return peer_statistics(own_by_year, peers_by_year, direction)


def comparison_for(organisation: Organisation, kpi_id: str, direction: str | None, gender: str = "T") -> dict:
    """Everything the peer comparison include needs for one organisation and KPI (three queries)."""
    code = own_code(organisation)
    group = peer_group_of(organisation)
    codes = peer_codes(group, exclude=code)
    rows = peer_comparison(kpi_id, code, codes, direction, gender) if code else []
    return {"own_code": code, "peer_group": group, "peer_count": len(codes), "rows": rows, "direction": direction}
