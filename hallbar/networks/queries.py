"""Read models of the networks. Everything a member sees of the others goes through here.

The rule: an organisation sees a network only while it is invited to it or a member (an invited
organisation sees the name, description and members, nothing shared); of other members it sees only
what they chose to share — the indicators they shared (and those indicators' whole-organisation values),
their published portal records and their shared examples — and public Kolada values. Anyone else gets
nothing (the views answer 404).
"""

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _

from hallbar.indicators.queries import organisation_series
from hallbar.kolada.models import Kpi, KpiValue
from hallbar.kolada.queries import own_code
from hallbar.organisations.models import Organisation

from .calculations import PanelRow, kpi_of, measure_key, panel_years
from .models import Network, NetworkMembership, SharedIndicator

Status = NetworkMembership.Status
VISIBLE = (Status.INVITED, Status.ACTIVE)


def networks_of(organisation: Organisation):
    """The organisation's memberships in networks it belongs to or is invited to, with the network."""
    return (
        NetworkMembership.objects.filter(organisation=organisation, status__in=VISIBLE)
        .select_related("network__organisation")
        .order_by("network__name", "network__pk")
    )


def membership_or_404(organisation: Organisation, network_pk: int, *, active: bool = True) -> NetworkMembership:
    """The organisation's own membership of the network; 404 unless it is a member (or, with
    ``active=False``, invited)."""
    statuses = (Status.ACTIVE,) if active else VISIBLE
    membership = (
        NetworkMembership.objects.filter(organisation=organisation, network_id=network_pk, status__in=statuses)
        .select_related("network__organisation")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def members(network: Network):
    """Members and open invitations (not those who left) of active organisations, with the organisation."""
    return (
        network.memberships.filter(status__in=VISIBLE, organisation__is_active=True)
        .select_related("organisation__municipality", "organisation__county")
        .order_by("organisation__name")
    )


def active_members(network: Network) -> list[NetworkMembership]:
    return [m for m in members(network) if m.status == Status.ACTIVE]


def shared_in(network: Network):
    """The indicators shared with the network by its active members."""
    return SharedIndicator.objects.filter(membership__network=network, membership__status=Status.ACTIVE)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str


def measures(network: Network) -> list[Measure]:
    """What the panel can compare: one entry per measure among the shared indicators (two queries)."""
    labels: dict[str, str] = {}
    for kpi, title, unit in shared_in(network).values_list(
        "indicator__kolada_kpi", "indicator__title", "indicator__unit"
    ):
        key = measure_key(kpi, title, unit)
        labels.setdefault(key, f"{title} ({unit})" if unit else title)
    kpi_titles = dict(Kpi.objects.filter(id__in=[kpi_of(k) for k in labels if kpi_of(k)]).values_list("id", "title"))
    for key in labels:
        if (kpi := kpi_of(key)) and kpi in kpi_titles:
            labels[key] = f"{kpi_titles[kpi]} ({kpi})"
    return sorted((Measure(key, label) for key, label in labels.items()), key=lambda m: m.label.casefold())


def panel(network: Network, key: str) -> dict:
    """Each active member's own values of the measure (only from indicators it shared) and, for a Kolada
    KPI, its Kolada values, per year. A fixed number of queries."""
    kpi = kpi_of(key)
    memberships = active_members(network)
    chosen: dict[int, int] = {}  # organisation id → the shared indicator standing for the measure
    unit = ""
    shares = shared_in(network).select_related("indicator").order_by("indicator__pk")
    for share in shares:
        indicator = share.indicator
        if measure_key(indicator.kolada_kpi, indicator.title, indicator.unit) == key:
            chosen.setdefault(indicator.organisation_id, indicator.pk)
            unit = unit or indicator.unit
    series = organisation_series(chosen.values())
    codes = {m.organisation_id: own_code(m.organisation) for m in memberships}
    kolada: dict[str, dict[int, float]] = {}
    if kpi:
        values = KpiValue.objects.filter(
            kpi=kpi, gender=KpiValue.Gender.TOTAL, municipality_code__in=[c for c in codes.values() if c]
        ).exclude(value__isnull=True)
        for code, year, value in values.values_list("municipality_code", "year", "value"):
            kolada.setdefault(code, {})[year] = value
    rows = [
        PanelRow(
            organisation=m.organisation.name,
            own=series.get(chosen.get(m.organisation_id), {}),
            kolada=kolada.get(codes[m.organisation_id], {}) if codes[m.organisation_id] else {},
            shares_own=m.organisation_id in chosen,
            kolada_code=codes[m.organisation_id],
        )
        for m in memberships
    ]
    kpi_row = Kpi.objects.filter(id=kpi).first() if kpi else None
    return {"key": key, "kpi": kpi_row, "kpi_id": kpi, "unit": unit, "rows": rows, "years": panel_years(rows)}


@dataclass(frozen=True)
class FeedItem:
    when: datetime
    organisation: str
    kind: str
    title: str
    url: str


def feed(network: Network, limit: int = 30) -> list[FeedItem]:
    """What the active members published, newest first: records on their open public portals, newly
    shared indicators and, when the examples app provides them, their shared examples."""
    from hallbar.portal.models import Publication
    from hallbar.portal.publishable import kind_of, public_url

    organisations = {m.organisation_id: m.organisation for m in active_members(network)}
    items: list[FeedItem] = []
    publications = (
        Publication.objects.filter(organisation_id__in=organisations, organisation__portal_settings__is_enabled=True)
        .select_related("content_type")
        .prefetch_related("item")
        .order_by("-published_at")[:limit]
    )
    for publication in publications:
        item = publication.item
        if item is None or kind_of(item) is None:
            continue
        organisation = organisations[publication.organisation_id]
        items.append(
            FeedItem(
                publication.published_at,
                organisation.name,
                _("Published: %(kind)s") % {"kind": kind_of(item).name},
                str(item),
                public_url(item, organisation),
            )
        )
    for share in (
        shared_in(network).select_related("indicator", "membership__organisation").order_by("-shared_at")[:limit]
    ):
        indicator = share.indicator
        items.append(
            FeedItem(
                share.shared_at,
                share.membership.organisation.name,
                _("Shared indicator"),
                indicator.title,
                panel_url(network, measure_key(indicator.kolada_kpi, indicator.title, indicator.unit)),
            )
        )
    for example in shared_examples(network, organisations.values(), limit):
        items.append(
            FeedItem(
                example.shared_at,
                str(example.organisation),
                _("Shared example"),
                str(example),
                example.get_absolute_url(),
            )
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]


def panel_url(network: Network, key: str) -> str:
    from django.urls import reverse
    from django.utils.http import urlencode

    return f"{reverse('networks:panel', args=[network.pk])}?{urlencode({'measure': key})}"


def examples_available() -> bool:
    try:
        from hallbar.examples import queries as example_queries
    except ImportError:
        return False
    return hasattr(example_queries, "shared_by")


def shared_examples(network: Network, organisations=None, limit: int = 30) -> list:
    """The active members' shared good examples, newest first (``examples.queries.shared_by``: not
    withdrawn), or [] when the examples app is not installed."""
    if not examples_available():
        return []
    from hallbar.examples import queries as example_queries

    if organisations is None:
        organisations = [m.organisation for m in active_members(network)]
    return list(example_queries.shared_by(list(organisations)).order_by("-shared_at", "-pk")[:limit])


def invitable(network: Network):
    """Active organisations not yet invited to or in the network."""
    taken = network.memberships.filter(status__in=VISIBLE).values("organisation_id")
    return Organisation.objects.filter(is_active=True).exclude(pk__in=taken).order_by("name")
