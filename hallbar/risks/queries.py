"""Read models for the risk pages and the API: the organisation's matrix, the filtered register, the
heat map and the actions treating a risk. Each function takes a fixed number of queries whatever the
number of risks."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hallbar.actions import queries as action_queries
from hallbar.actions.models import Action
from hallbar.actions.rules import OPEN_STATUSES
from hallbar.organisations.models import OrganisationUnit

from .models import Risk, RiskMatrix

INHERENT, RESIDUAL = "inherent", "residual"
ASSESSMENTS = (INHERENT, RESIDUAL)
NOT_CLOSED = "not_closed"  # a status filter: open and treated


def matrix_for(organisation) -> RiskMatrix:
    """The organisation's saved matrix, or an unsaved default one (5 × 5, default labels and thresholds)."""
    saved = RiskMatrix.objects.filter(organisation=organisation).first()
    return saved or RiskMatrix(organisation=organisation)


@dataclass
class RiskFilters:
    """What the register and the heat map are narrowed to (every field optional).

    ``level``, ``likelihood`` and ``consequence`` refer to the ``assessment``: inherent (before
    treatment) or residual (after)."""

    kind: str | None = None
    status: str | None = None
    category: str | None = None
    unit: OrganisationUnit | None = None
    level: str | None = None
    assessment: str = INHERENT
    likelihood: int | None = None
    consequence: int | None = None
    review_overdue: bool = False
    today: date = field(default_factory=timezone.localdate)

    def apply(self, risks: models.QuerySet) -> models.QuerySet:
        if self.status == NOT_CLOSED:
            risks = risks.exclude(status=Risk.Status.CLOSED)
        elif self.status:
            risks = risks.filter(status=self.status)
        for name in ("kind", "category"):
            value = getattr(self, name)
            if value:
                risks = risks.filter(**{name: value})
        if self.unit is not None:
            risks = risks.filter(responsible_unit__path__startswith=self.unit.path)
        prefix = self.assessment if self.assessment in ASSESSMENTS else INHERENT
        for name in ("level", "likelihood", "consequence"):
            value = getattr(self, name)
            if value:
                risks = risks.filter(**{f"{prefix}_{name}": value})
        if self.review_overdue:
            risks = risks.review_overdue(self.today)
        return risks


def _action_count(open_only: bool = False):
    actions = Action.objects.filter(
        reason_type=ContentType.objects.get_for_model(Risk), reason_id=OuterRef("pk")
    ).order_by()
    if open_only:
        actions = actions.filter(status__in=OPEN_STATUSES)
    counted = actions.values("reason_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def listed(risks: models.QuerySet) -> models.QuerySet:
    """What a register row shows: unit, owner, and how many actions (open ones) treat each risk."""
    return risks.select_related("responsible_unit", "owner").annotate(
        action_count=_action_count(), open_action_count=_action_count(open_only=True)
    )


def risk_list(scope, filters: RiskFilters | None = None) -> models.QuerySet:
    """The scope's risks and opportunities in the focused unit's subtree, narrowed by ``filters``."""
    risks = scope.in_focus(scope.filter(Risk.objects.all()))
    return listed((filters or RiskFilters()).apply(risks))


def flag(risks, today: date | None = None) -> list[Risk]:
    """Set ``review_overdue`` on each risk (no queries)."""
    today = today or timezone.localdate()
    risks = list(risks)
    for risk in risks:
        risk.review_overdue = risk.is_review_overdue(today)
    return risks


@dataclass(frozen=True)
class Cell:
    likelihood: int
    consequence: int
    score: int
    level: str
    count: int


@dataclass(frozen=True)
class HeatMapRow:
    likelihood: int
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class HeatMap:
    """A matrix of counts: rows from the highest likelihood down, columns from the lowest consequence."""

    assessment: str
    rows: list[HeatMapRow]
    consequence_labels: list[tuple[int, str]]
    total: int
    not_assessed: int  # risks without this assessment (residual not yet assessed)


def heat_map(risks: models.QuerySet, matrix: RiskMatrix, assessment: str = INHERENT) -> HeatMap:
    """How many of ``risks`` lie in each cell of the matrix (one query). The stored levels of the risks
    follow the matrix; a cell's level here is the matrix's, so both agree."""
    likelihood, consequence = f"{assessment}_likelihood", f"{assessment}_consequence"
    rows = risks.order_by().values(likelihood, consequence).annotate(n=Count("pk"))
    counts = {(row[likelihood], row[consequence]): row["n"] for row in rows}
    bands = matrix.bands()
    likelihood_labels = matrix.labels("likelihood")
    table = [
        HeatMapRow(
            lik,
            likelihood_labels[lik - 1],
            [
                Cell(lik, con, lik * con, bands.level(lik, con), counts.get((lik, con), 0))
                for con in range(1, matrix.consequence_levels + 1)
            ],
        )
        for lik in range(matrix.likelihood_levels, 0, -1)
    ]
    total = sum(cell.count for row in table for cell in row.cells)
    return HeatMap(
        assessment=assessment,
        rows=table,
        consequence_labels=list(enumerate(matrix.labels("consequence"), start=1)),
        total=total,
        not_assessed=counts.get((None, None), 0),
    )


def actions_for(risk: Risk, scope) -> list[Action]:
    """The actions treating ``risk`` (within the scope), flagged overdue and stale as on the action pages."""
    settings = action_queries.follow_up_settings(risk.organisation)
    return action_queries.flag(action_queries.actions_for(risk, scope), settings)
