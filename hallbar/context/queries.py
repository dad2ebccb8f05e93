"""Read models for the context pages and the API: lists with their filters, the PESTLE overview, the
scope with its versions and the landing page. Each takes a fixed number of queries whatever the
number of rows. Lists are narrowed to the focused unit's subtree (``scope.in_focus``), so the PESTLE
counts match the lists they link to."""

from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.utils.translation import pgettext_lazy

from .models import InterestedParty, ScanItem, ScopeStatement

LISTED = ("responsible_unit",)
STATE_LABELS = {
    "current": pgettext_lazy("scope version", "Current"),
    "draft": pgettext_lazy("scope version", "Draft"),
    "replaced": pgettext_lazy("scope version", "Replaced"),
}


def choice_order(field: str, choices: type[models.Choices]) -> Case:
    """Order rows by the order the choices are declared in (high before low, political before legal …)."""
    return Case(
        *[When(**{field: value}, then=Value(index)) for index, value in enumerate(choices.values)],
        default=Value(len(choices.values)),
        output_field=models.IntegerField(),
    )


# Interested parties -----------------------------------------------------------------------------------


def party_list(
    scope, *, category: str | None = None, relevance: str | None = None, obligation: bool | None = None
) -> models.QuerySet:
    """The interested parties of the scope, by category and relevance (high first), then name."""
    parties = scope.in_focus(scope.filter(InterestedParty.objects.all()))
    if category:
        parties = parties.filter(category=category)
    if relevance:
        parties = parties.filter(relevance=relevance)
    if obligation is not None:
        parties = parties.filter(is_compliance_obligation=obligation)
    return parties.select_related(*LISTED).order_by(
        choice_order("category", InterestedParty.Category),
        choice_order("relevance", InterestedParty.Relevance),
        "name",
        "pk",
    )


# Environmental scan -----------------------------------------------------------------------------------


def scan_list(
    scope,
    *,
    status: str | None = ScanItem.Status.ACTIVE,
    category: str | None = None,
    time_horizon: str | None = None,
    trend: str | None = None,
    impact: str | None = None,
) -> models.QuerySet:
    """The scan items of the scope (active ones unless another ``status`` is given; ``None``: all),
    newest first."""
    conditions = {
        "status": status,
        "category": category,
        "time_horizon": time_horizon,
        "trend": trend,
        "impact": impact,
    }
    items = scope.in_focus(scope.filter(ScanItem.objects.all()))
    items = items.filter(**{name: value for name, value in conditions.items() if value})
    return items.select_related(*LISTED)


def pestle_matrix(scope) -> dict:
    """Active scan items counted by PESTLE category × time horizon, in one query.

    ``{"horizons": [(value, label), …], "rows": [{"category", "label", "cells", "total"}, …], "totals": […],
    "total": n}``; cells and totals are ``(horizon, horizon label, count)``. Every category and horizon is there.
    """
    counts = {
        (row["category"], row["time_horizon"]): row["n"]
        for row in scan_list(scope).order_by().values("category", "time_horizon").annotate(n=Count("pk"))
    }
    horizons = ScanItem.Horizon.choices
    rows = []
    for category, label in ScanItem.Category.choices:
        cells = [(horizon, name, counts.get((category, horizon), 0)) for horizon, name in horizons]
        rows.append({"category": category, "label": label, "cells": cells, "total": sum(cell[2] for cell in cells)})
    totals = [
        (horizon, name, sum(row["cells"][index][2] for row in rows)) for index, (horizon, name) in enumerate(horizons)
    ]
    return {"horizons": horizons, "rows": rows, "totals": totals, "total": sum(counts.values())}


# Scope statements -------------------------------------------------------------------------------------


def _set_state(version: ScopeStatement, state: str) -> None:
    version.state, version.state_label = state, STATE_LABELS[state]


def scope_versions(scope) -> dict:
    """The active organisation's scope: ``{"current", "draft", "versions"}``, versions newest first with
    their units, each with ``state`` ("current", "draft" or "replaced") and ``state_label``. Two queries."""
    versions = list(
        scope.filter(ScopeStatement.objects.filter(organisation=scope.organisation)).prefetch_related("units")
    )
    current = next((version for version in versions if version.is_approved), None)
    draft = next((version for version in versions if not version.is_approved), None)
    for version in versions:
        _set_state(version, "current" if version is current else "draft" if version is draft else "replaced")
    return {"current": current, "draft": draft, "versions": versions}


def set_version_state(statement: ScopeStatement) -> None:
    """Set ``state`` and ``state_label`` of one version (one query for an approved one)."""
    state = "draft"
    if statement.is_approved:
        newer = ScopeStatement.objects.filter(
            organisation_id=statement.organisation_id, version__gt=statement.version, approved_on__isnull=False
        )
        state = "replaced" if newer.exists() else "current"
    _set_state(statement, state)


def new_version_initial(scope) -> dict:
    """A new version starts from the newest one's content (not its dates or approval)."""
    latest = scope.filter(ScopeStatement.objects.filter(organisation=scope.organisation)).first()
    if latest is None:
        return {}
    return {
        "text": latest.text,
        "boundaries": latest.boundaries,
        "exclusions": latest.exclusions,
        "units": [unit.pk for unit in latest.units.all()],
    }


# The landing page -------------------------------------------------------------------------------------


def overview(scope) -> dict:
    """What the context landing page summarises: parties, the active scan and the scope (four queries)."""
    high = InterestedParty.Relevance.HIGH
    parties = (
        party_list(scope)
        .order_by()
        .aggregate(
            total=Count("pk"),
            high=Count("pk", filter=Q(relevance=high)),
            obligations=Count("pk", filter=Q(is_compliance_obligation=True)),
        )
    )
    scan = (
        scan_list(scope)
        .order_by()
        .aggregate(total=Count("pk"), negative=Count("pk", filter=~Q(impact=ScanItem.Impact.POSITIVE)))
    )
    return {"parties": parties, "scan": scan, "scope": scope_versions(scope)}
