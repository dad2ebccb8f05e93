"""Writes of Kolada data: refresh the catalogue, fetch values, refresh organisations.

Fetching is all or nothing: every page of every request arrives first, then the stored series is
replaced in one transaction. When Kolada cannot be reached or answers with an error, nothing stored
changes and :class:`FetchFailed` says what happened in words a user understands.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hallbar.indicators.models import Indicator
from hallbar.organisations import content
from hallbar.organisations.models import Organisation

from .client import KPI_ID, MUNICIPALITY_ID, KoladaClient
from .errors import KoladaError, KoladaHTTPError, KoladaUnavailable
from .models import FetchStatus, KoladaState, KpiValue, PeerGroup
from .queries import own_code, peer_codes, peer_group_of
from .reference import CatalogueReport, store_catalogue
from .sync import SyncResult, sync_indicator_values

logger = logging.getLogger(__name__)

GENDERS = set(KpiValue.Gender.values)
BATCH = 2000


class FetchFailed(Exception):
    """Nothing was changed. ``code`` is a FetchStatus.Error value; ``message`` is translated."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(detail or code)

    @property
    def message(self) -> str:
        return str(FetchStatus.Error(self.code).label)


def _failure(error: Exception) -> FetchFailed:
    if isinstance(error, KoladaUnavailable):
        return FetchFailed(FetchStatus.Error.UNAVAILABLE, str(error))
    if isinstance(error, KoladaHTTPError):
        return FetchFailed(FetchStatus.Error.HTTP, str(error))
    return FetchFailed(FetchStatus.Error.INVALID, str(error))


def default_client() -> KoladaClient:
    return KoladaClient(
        base_url=getattr(settings, "KOLADA_BASE_URL", "https://api.kolada.se/v3"),
        timeout=getattr(settings, "KOLADA_TIMEOUT", 30),
    )


# --- Catalogue ---------------------------------------------------------------------------------------


def refresh_catalogue(client: KoladaClient | None = None) -> CatalogueReport:
    """Fetch all KPIs and municipality groups from the API, then store them (all or nothing)."""
    client = client or default_client()
    try:
        kpis = client.kpis()
        groups = client.municipality_groups()
    except KoladaError as error:
        raise _failure(error) from error
    with transaction.atomic():
        report = store_catalogue(kpis, groups)
        state = KoladaState.get()
        state.catalogue_refreshed_at = timezone.now()
        state.save(update_fields=["catalogue_refreshed_at"])
        content.bump_all()  # the comparison groups are on every organisation's indicator pages
    return report


# --- Values ------------------------------------------------------------------------------------------


def fetch_values(kpi_ids, codes, years=None, client: KoladaClient | None = None) -> int:
    """Fetch KPIs × municipalities (× years, default all) and replace the stored series.

    Every page of every request has arrived before anything is written; then, in one transaction,
    the stored values of these KPIs for these codes (and years) are deleted and the fetched ones
    inserted. Returns the number of values stored. Raises FetchFailed (nothing changed) or ValueError.
    """
    kpi_ids = list(dict.fromkeys(kpi_ids))
    codes = sorted(set(codes))
    if not kpi_ids or not codes:
        return 0
    client = client or default_client()
    fetched = []
    try:
        for kpi_id in kpi_ids:
            fetched += client.values(kpi_id, codes, years)
    except KoladaError as error:
        raise _failure(error) from error
    now = timezone.now()
    wanted = set(codes)
    rows = {}
    for value in fetched:
        if value.is_deleted or value.gender not in GENDERS or value.municipality_id not in wanted:
            continue
        rows[(value.kpi, value.gender, value.municipality_id, value.year)] = KpiValue(
            kpi=value.kpi,
            municipality_code=value.municipality_id,
            year=value.year,
            gender=value.gender,
            value=value.value,
            count=value.count,
            status=value.status[:16],
            fetched_at=now,
        )
    with transaction.atomic():
        stored = KpiValue.objects.filter(kpi__in=kpi_ids, municipality_code__in=codes)
        if years is not None:
            stored = stored.filter(year__in=list(years))
        stored.delete()
        KpiValue.objects.bulk_create(rows.values(), batch_size=BATCH)
        content.bump_all()  # peers' values are on other organisations' indicator pages
    return len(rows)


# --- Organisations -----------------------------------------------------------------------------------


def linked_kpis(organisation: Organisation) -> list[str]:
    """The valid Kolada KPI ids of the organisation's indicators (one query)."""
    ids = Indicator.objects.filter(organisation=organisation).exclude(kolada_kpi="")
    ids = ids.values_list("kolada_kpi", flat=True)
    return sorted({kpi.strip().upper() for kpi in ids if KPI_ID.fullmatch(kpi.strip().upper())})


@dataclass
class Plan:
    """What to fetch for one organisation."""

    organisation: Organisation
    own: str | None
    kpis: list[str]
    codes: list[str]  # own + peers


def plan_for(organisation: Organisation) -> Plan:
    code = own_code(organisation)
    group = peer_group_of(organisation)
    codes = [c for c in [code, *peer_codes(group, exclude=code)] if c and MUNICIPALITY_ID.fullmatch(c)]
    return Plan(organisation, code, linked_kpis(organisation), codes)


def _status(organisation: Organisation) -> FetchStatus:
    status, _created = FetchStatus.objects.get_or_create(organisation=organisation)
    return status


def _record(organisation, *, failure: FetchFailed | None = None, sync: SyncResult | None = None) -> FetchStatus:
    status = _status(organisation)
    status.last_attempt_at = timezone.now()
    status.requested_at = None
    if failure is None:
        status.last_success_at = status.last_attempt_at
        status.error, status.error_detail = "", ""
        status.indicator_values_written = sync.written if sync else 0
        status.own_values_kept = sync.kept if sync else 0
    else:
        status.error, status.error_detail = failure.code, failure.detail[:2000]
    status.save()
    return status


@transaction.atomic
def set_peer_group(organisation: Organisation, *, kolada_group=None, municipalities=None) -> PeerGroup:
    """Compare with a Kolada group, or with chosen municipalities (the other choice is kept for later)."""
    group = PeerGroup.objects.filter(organisation=organisation).first() or PeerGroup(organisation=organisation)
    if kolada_group is not None:
        group.basis, group.kolada_group = PeerGroup.Basis.GROUP, kolada_group
        group.full_clean()
        group.save()
    elif municipalities is not None:
        group.basis = PeerGroup.Basis.MUNICIPALITIES
        group.save()
        group.municipalities.set(municipalities)
    else:
        raise ValueError("Give kolada_group or municipalities")
    return group


def request_fetch(organisation: Organisation) -> FetchStatus:
    """Note that someone asked for a fetch (the page shows it until the task has run)."""
    status = _status(organisation)
    status.requested_at = timezone.now()
    status.save(update_fields=["requested_at"])
    return status


def refresh_organisation(organisation: Organisation, client: KoladaClient | None = None) -> SyncResult:
    """Fetch the organisation's linked KPIs for its own municipality and its peers, then write its own
    values into its indicators. Records the outcome in FetchStatus; raises FetchFailed after recording."""
    plan = plan_for(organisation)
    if plan.own is None:
        failure = FetchFailed(FetchStatus.Error.NO_MUNICIPALITY)
        _record(organisation, failure=failure)
        raise failure
    try:
        fetch_values(plan.kpis, plan.codes, client=client)
    except FetchFailed as failure:
        _record(organisation, failure=failure)
        raise
    result = sync_indicator_values(organisation, plan.kpis)
    _record(organisation, sync=result)
    return result


@dataclass
class RefreshReport:
    organisations: int = 0
    kpis: int = 0
    values: int = 0
    failed_kpis: dict[str, FetchFailed] = field(default_factory=dict)

    def summary(self) -> str:
        text = f"Kolada: {self.values} values for {self.kpis} KPIs, {self.organisations} organisations."
        if self.failed_kpis:
            text += f" Failed: {', '.join(sorted(self.failed_kpis))}."
        return text


def refresh_all(client: KoladaClient | None = None, organisations=None) -> RefreshReport:
    """Refresh every linked KPI of every active organisation: each KPI once, for the union of all
    organisations' own and peer codes, each in its own all-or-nothing replace. When Kolada cannot be
    reached the run stops (the remaining KPIs count as failed, nothing of theirs changes)."""
    client = client or default_client()
    if organisations is None:
        organisations = Organisation.objects.filter(is_active=True)
    organisations = organisations.select_related("municipality", "county")
    plans = [plan_for(organisation) for organisation in organisations]
    codes_by_kpi: dict[str, set[str]] = {}
    for plan in plans:
        if plan.own is None:
            continue
        for kpi in plan.kpis:
            codes_by_kpi.setdefault(kpi, set()).update(plan.codes)
    report = RefreshReport(organisations=len(plans), kpis=len(codes_by_kpi))
    unavailable = None
    for kpi, codes in sorted(codes_by_kpi.items()):
        if unavailable is not None:
            report.failed_kpis[kpi] = unavailable
            continue
        try:
            report.values += fetch_values([kpi], codes, client=client)
        except FetchFailed as failure:
            logger.warning("Kolada refresh of %s failed: %s", kpi, failure.detail)
            report.failed_kpis[kpi] = failure
            if failure.code == FetchStatus.Error.UNAVAILABLE:
                unavailable = failure
    for plan in plans:
        if plan.own is None:
            if plan.kpis:
                _record(plan.organisation, failure=FetchFailed(FetchStatus.Error.NO_MUNICIPALITY))
            continue
        done = [kpi for kpi in plan.kpis if kpi not in report.failed_kpis]
        result = sync_indicator_values(plan.organisation, done)
        failures = [report.failed_kpis[kpi] for kpi in plan.kpis if kpi in report.failed_kpis]
        _record(plan.organisation, failure=failures[0] if failures else None, sync=result)
    return report
