"""Read models of procurement shared by the pages, the exports and the API.

The requirement shares (:func:`requirement_shares`) count every procurement that is not cancelled,
by its buying unit (the unit itself, not its subtree; procurements of the whole organisation form
their own row) and year. The value of a procurement is its contracted value, or its estimated value
while no contract value is known; a procurement without either counts in the number but not in
the value. Each share is the part of that number or value with the kind of requirement.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hallbar.kolada import queries as kolada_queries
from hallbar.nonconformities.models import Nonconformity
from hallbar.organisations.models import Municipality

from .models import ContractCheck, ContractedSupplier, CpvCode, Criterion, NationalFigures, Procurement

KINDS = ("environmental", "social", "innovation")
KIND_FLAGS = {
    "environmental": "environmental_requirements",
    "social": "social_requirements",
    "innovation": "innovation",
}
CPV_SEARCH_LIMIT = 100
# The criteria themes that make a procurement one "with climate requirements".
CLIMATE_THEMES = (Criterion.Theme.CLIMATE,)


def listed(procurements: models.QuerySet) -> models.QuerySet:
    """What a list row, its export and the API read, fetched with a fixed number of queries."""
    return procurements.select_related("responsible_unit").prefetch_related("cpv_codes", "criteria", "suppliers")


def procurement_list(
    scope,
    *,
    year: int | None = None,
    status: str | None = None,
    unit=None,
    requirement: str | None = None,
    text: str = "",
    cpv: str = "",
) -> models.QuerySet:
    """The procurements of the scope, narrowed to the focused unit's subtree and the given filters.

    ``requirement`` is a kind ("environmental", "social", "innovation") or "none" (no flag set);
    ``cpv`` a code or its beginning (the procurements with a CPV code under it).
    """
    procurements = scope.in_focus(scope.filter(Procurement.objects.all()))
    if year:
        procurements = procurements.filter(year=year)
    if status:
        procurements = procurements.filter(status=status)
    if unit is not None:
        procurements = procurements.filter(responsible_unit__path__startswith=unit.path)
    if requirement in KIND_FLAGS:
        procurements = procurements.filter(**{KIND_FLAGS[requirement]: True})
    elif requirement == "none":
        procurements = procurements.filter(**{flag: False for flag in KIND_FLAGS.values()})
    if text:
        procurements = procurements.filter(Q(title__icontains=text) | Q(reference__icontains=text))
    if cpv:
        procurements = procurements.filter(cpv_codes__code__startswith=cpv.rstrip("0") or cpv).distinct()
    return listed(procurements)


def years(scope) -> list[int]:
    return list(scope.filter(Procurement.objects.all()).order_by("-year").values_list("year", flat=True).distinct())


def cpv_matching(text: str) -> models.QuerySet:
    """CPV codes whose code starts with the digits given (a check digit is ignored), or whose Swedish
    or English label contains every word given, in code order."""
    text = text.strip()
    digits = text.replace("-", "").replace(" ", "")
    if digits.isdigit():
        codes = CpvCode.objects.filter(code__startswith=digits[:8].rstrip("0") or digits[:8])
    else:
        condition = Q()
        for word in text.split():
            condition &= Q(label_sv__icontains=word) | Q(label_en__icontains=word)
        codes = CpvCode.objects.filter(condition)
    return codes.order_by("code")


def search_cpv(text: str, limit: int = CPV_SEARCH_LIMIT) -> list[CpvCode]:
    """The first ``limit`` codes :func:`cpv_matching` the text; none for no text."""
    return list(cpv_matching(text)[:limit]) if text.strip() else []


def criteria(*, kind: str = "", theme: str = "", level: str = "", include_retired: bool = False) -> models.QuerySet:
    found = Criterion.objects.all()
    if not include_retired:
        found = found.filter(in_library=True)
    for name, value in (("kind", kind), ("theme", theme), ("level", level)):
        if value:
            found = found.filter(**{name: value})
    return found


def checks_of(procurement: Procurement) -> models.QuerySet:
    return procurement.checks.select_related("criterion")


def nonconformities_of(procurement: Procurement) -> models.QuerySet:
    """The nonconformities raised from deviations in the procurement's contract follow-up."""
    return Nonconformity.objects.filter(
        source_type=ContentType.objects.get_for_model(ContractCheck),
        source_id__in=procurement.checks.values("pk"),
    ).order_by("-pk")


def follow_up_list(scope, *, outcome: str = "", overdue_on=None) -> models.QuerySet:
    """Every planned check of the scope's contracts, with its procurement."""
    checks = scope.in_focus(scope.filter(ContractCheck.objects.all()))
    if outcome:
        checks = checks.filter(outcome=outcome)
    if overdue_on is not None:
        checks = checks.filter(outcome=ContractCheck.Outcome.PENDING, due_date__lt=overdue_on)
    return checks.select_related("procurement__responsible_unit", "criterion")


# Requirement shares ---------------------------------------------------------------------------------


def share(part, whole) -> Decimal | None:
    """``part`` of ``whole`` in per cent, one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class ShareRow:
    """The procurements of one buying unit (None: the whole organisation) in one year."""

    year: int
    unit_id: int | None
    unit_name: str | None
    count: int
    value: Decimal
    counts: dict
    values: dict
    is_total: bool = False

    def count_share(self, kind: str) -> Decimal | None:
        return share(self.counts[kind], self.count)

    def value_share(self, kind: str) -> Decimal | None:
        return share(self.values[kind], self.value)

    @property
    def environmental_count_share(self):
        return self.count_share("environmental")

    @property
    def social_count_share(self):
        return self.count_share("social")

    @property
    def innovation_count_share(self):
        return self.count_share("innovation")

    @property
    def environmental_value_share(self):
        return self.value_share("environmental")

    @property
    def social_value_share(self):
        return self.value_share("social")

    @property
    def innovation_value_share(self):
        return self.value_share("innovation")


def _aggregates() -> dict:
    value = Coalesce("contracted_value_sek", "estimated_value_sek")
    aggregates = {"count": Count("pk"), "value": Sum(value)}
    for kind, flag in KIND_FLAGS.items():
        aggregates[f"{kind}_count"] = Count("pk", filter=Q(**{flag: True}))
        aggregates[f"{kind}_value"] = Sum(value, filter=Q(**{flag: True}))
    return aggregates


def _row(values: dict, **fields) -> ShareRow:
    return ShareRow(
        count=values["count"],
        value=values["value"] or Decimal(0),
        counts={kind: values[f"{kind}_count"] for kind in KINDS},
        values={kind: values[f"{kind}_value"] or Decimal(0) for kind in KINDS},
        **fields,
    )


def requirement_shares(scope, *, year: int | None = None) -> list[ShareRow]:
    """Per year (newest first): the total of the scope (focused unit's subtree) and a row per buying
    unit. Two queries whatever the number of procurements."""
    procurements = scope.in_focus(scope.filter(Procurement.objects.exclude(status=Procurement.Status.CANCELLED)))
    if year:
        procurements = procurements.filter(year=year)
    aggregates = _aggregates()
    by_unit = (
        procurements.order_by()
        .values("year", "responsible_unit", "responsible_unit__name", "responsible_unit__path")
        .annotate(**aggregates)
    )
    totals = procurements.order_by().values("year").annotate(**aggregates)
    rows: list[ShareRow] = [
        _row(values, year=values["year"], unit_id=None, unit_name=None, is_total=True) for values in totals
    ]
    units = sorted(by_unit, key=lambda values: values["responsible_unit__path"] or "")
    rows += [
        _row(
            values, year=values["year"], unit_id=values["responsible_unit"], unit_name=values["responsible_unit__name"]
        )
        for values in units
    ]
    return sorted(rows, key=lambda row: -row.year)  # stable: each year's total first, then units in tree order


# National comparison --------------------------------------------------------------------------------


@dataclass
class ComparisonRow:
    """Procurements of one buyer or group of buyers in Upphandlingsmyndigheten's statistics."""

    label: str
    buyers: int
    procurements: int
    environmental: int
    social: int
    innovation: int
    is_own: bool = False

    @property
    def environmental_share(self):
        return share(self.environmental, self.procurements)

    @property
    def social_share(self):
        return share(self.social, self.procurements)

    @property
    def innovation_share(self):
        return share(self.innovation, self.procurements)


def _summed(label: str, figures: models.QuerySet, **fields) -> ComparisonRow:
    totals = figures.aggregate(
        buyers=Count("pk"),
        procurements=Coalesce(Sum("procurements"), 0),
        environmental=Coalesce(Sum("environmental"), 0),
        social=Coalesce(Sum("social"), 0),
        innovation=Coalesce(Sum("innovation"), 0),
    )
    return ComparisonRow(label=label, **totals, **fields)


def statistics_years() -> list[int]:
    return list(NationalFigures.objects.order_by("-year").values_list("year", flat=True).distinct())


def peer_municipalities(organisation) -> tuple[str, list[str]]:
    """(what the peers are, their municipality codes): the organisation's Kolada comparison group,
    else the municipalities of its municipality's SKR group; never the organisation's own."""
    own = kolada_queries.own_code(organisation)
    peer_group = kolada_queries.peer_group_of(organisation)
    codes = kolada_queries.peer_codes(peer_group, exclude=own)
    if codes:
        if peer_group.basis == peer_group.Basis.GROUP:
            return peer_group.kolada_group.title, codes
        return _("the municipalities chosen for Kolada comparisons"), codes
    municipality = organisation.municipality
    if municipality is not None and municipality.skr_group:
        codes = list(
            Municipality.objects.filter(skr_group=municipality.skr_group)
            .exclude(code=municipality.code)
            .values_list("code", flat=True)
        )
        return _("SKR municipality group %(group)s") % {
            "group": municipality.skr_group_name or municipality.skr_group
        }, codes
    return "", []


def national_comparison(organisation, year: int | None = None) -> dict:
    """The organisation's share of procurements with environmental, social and innovation
    requirements in the national statistics of ``year`` (the latest when not given), against all
    buyers in Sweden, all municipalities and its peers. Shares are of all the group's procurements
    together. A fixed number of queries."""
    years = statistics_years()
    year = year if year in years else (years[0] if years else None)
    result = {"year": year, "years": years, "rows": [], "own": None, "peer_label": "", "peers": 0, "peers_found": 0}
    if year is None:
        return result
    figures = NationalFigures.objects.filter(year=year)
    if organisation.org_number:
        own = figures.filter(organisation_number=organisation.org_number).first()
        if own is not None:
            result["own"] = ComparisonRow(
                label=organisation.name,
                buyers=1,
                procurements=own.procurements,
                environmental=own.environmental,
                social=own.social,
                innovation=own.innovation,
                is_own=True,
            )
            result["rows"].append(result["own"])
    peer_label, codes = peer_municipalities(organisation)
    if codes:
        peers = _summed(_("Peers: %(group)s") % {"group": peer_label}, figures.filter(municipality_code__in=codes))
        result.update(peer_label=peer_label, peers=len(codes), peers_found=peers.buyers)
        result["rows"].append(peers)
    result["rows"].append(_summed(_("All municipalities"), figures.exclude(municipality_code="")))
    result["rows"].append(_summed(_("All buyers in Sweden"), figures))
    return result


# Contracted suppliers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SupplierContract:
    """One contracted supplier of a signed (or ended) procurement, with the contract's period."""

    org_number: str
    start: object  # date
    end: object  # date or None: open-ended
    procurement_id: int
    unit_id: int | None
    unit_name: str | None


def climate_contracts(organisation_id: int) -> list[SupplierContract]:
    """The suppliers of the organisation's procurements with climate requirements: a criterion of a
    :data:`CLIMATE_THEMES` theme, the contract signed or ended, and a contract start recorded. One query."""
    suppliers = (
        ContractedSupplier.objects.filter(
            procurement__organisation_id=organisation_id,
            procurement__status__in=[Procurement.Status.CONTRACTED, Procurement.Status.ENDED],
            procurement__contract_start__isnull=False,
            procurement__criteria__theme__in=CLIMATE_THEMES,
        )
        .values_list(
            "org_number",
            "procurement__contract_start",
            "procurement__contract_end",
            "procurement_id",
            "procurement__responsible_unit_id",
            "procurement__responsible_unit__name",
        )
        .distinct()
        .order_by("procurement_id", "org_number")
    )
    return [SupplierContract(*row) for row in suppliers]
