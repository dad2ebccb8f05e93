"""Read models of the aspects register, shared by the pages, the exports, the API and the daily job.

Every function takes a fixed number of queries whatever the number of aspects. Reading never writes:
an organisation without saved settings gets unsaved defaults from the data file.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from hallbar.organisations.models import OrganisationUnit

from . import calculations, rules
from .defaults import defaults
from .models import Activity, Aspect, AspectReview, AspectScore, AspectSettings, SignificanceCriterion

# Settings and criteria ---------------------------------------------------------------------------------


def aspect_settings(organisation) -> AspectSettings:
    """The organisation's saved settings, or unsaved defaults from the data file."""
    saved = AspectSettings.objects.filter(organisation=organisation).first() if organisation is not None else None
    if saved is not None:
        return saved
    data = defaults()
    return AspectSettings(
        organisation=organisation,
        method=data.method,
        threshold=data.threshold,
        review_interval_months=data.review_interval_months,
    )


def criteria(organisation) -> models.QuerySet:
    """All criteria of the organisation (active and inactive), in their order, with how often each was used."""
    return SignificanceCriterion.objects.filter(organisation=organisation).annotate(score_count=Count("scores"))


# Aspects -------------------------------------------------------------------------------------------------


def listed(aspects: models.QuerySet) -> models.QuerySet:
    """What a register row shows: the activity and its unit, the document, the scores, whether it is handled."""
    return rules.with_handled(
        aspects.select_related("activity__unit", "controlled_document").prefetch_related("scores")
    )


def register(
    scope,
    *,
    unit: OrganisationUnit | None = None,
    activity: Activity | None = None,
    influence: str = "",
    channel: str = "",
    significance: str = "",
    condition: str = "",
    dimension: str = "",
    abroad: bool = False,
) -> models.QuerySet:
    """The aspects of the scope (narrowed to the focused unit's subtree) with the register's filters.

    ``unit``: aspects of activities of that unit and the units below it. ``significance``:
    ``"significant"``, ``"not_significant"`` or ``"unhandled"`` (significant and not handled).
    """
    aspects = scope.in_focus(scope.filter(Aspect.objects.all()))
    if unit is not None:
        aspects = aspects.filter(activity__unit__path__startswith=unit.path)
    if activity is not None:
        aspects = aspects.filter(activity=activity)
    exact = {"influence": influence, "channel": channel, "condition": condition, "dimension": dimension}
    aspects = aspects.filter(**{name: value for name, value in exact.items() if value})
    if significance == "significant":
        aspects = aspects.filter(is_significant=True)
    elif significance == "not_significant":
        aspects = aspects.filter(is_significant=False)
    elif significance == "unhandled":
        aspects = aspects.filter(is_significant=True).exclude(rules.handled_q())
    if abroad:
        aspects = aspects.filter(occurs_abroad=True)
    return listed(aspects)


def assess(aspects) -> list[Aspect]:
    """Set ``assessment`` (result, significance, missing scores) on each aspect, with the settings and
    active criteria of its organisation; two queries in all (none for no aspects).

    The aspects need their activity fetched and their ``scores`` prefetched (as :func:`listed` does).
    """
    aspects = list(aspects)
    if not aspects:
        return aspects
    organisation_ids = {aspect.activity.organisation_id for aspect in aspects}
    saved = {row.organisation_id: row for row in AspectSettings.objects.filter(organisation_id__in=organisation_ids)}
    active: dict[int, list[int]] = {organisation_id: [] for organisation_id in organisation_ids}
    rows = SignificanceCriterion.objects.filter(organisation_id__in=organisation_ids, active=True)
    for organisation_id, pk in rows.values_list("organisation_id", "pk"):
        active[organisation_id].append(pk)
    data = defaults()
    for aspect in aspects:
        organisation_id = aspect.activity.organisation_id
        settings = saved.get(organisation_id)
        method, threshold = (settings.method, settings.threshold) if settings else (data.method, data.threshold)
        scores = {score.criterion_id: score.score for score in aspect.scores.all()}
        aspect.assessment = calculations.assess(scores, active[organisation_id], method, threshold)
    return aspects


def scores_of(aspect: Aspect) -> list[AspectScore]:
    """The aspect's scores with their criteria (active ones first, in their order)."""
    return list(
        AspectScore.objects.filter(aspect=aspect)
        .select_related("criterion")
        .order_by("-criterion__active", "criterion__order", "criterion__pk")
    )


def aspect_for_page(scope, pk: int) -> models.QuerySet:
    return listed(scope.filter(Aspect.objects.filter(pk=pk)))


# Reviews -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewSubject:
    """A part of the register that is reviewed: a unit's activities, or (``unit`` None) those of the
    whole organisation."""

    unit: OrganisationUnit | None
    last_review: date | None
    next_review: date
    overdue: bool


@dataclass
class ReviewStatus:
    interval_months: int
    subjects: list[ReviewSubject] = field(default_factory=list)

    @property
    def overdue(self) -> list[ReviewSubject]:
        return [subject for subject in self.subjects if subject.overdue]

    @property
    def next_review(self) -> date | None:
        return min((subject.next_review for subject in self.subjects), default=None)


def review_status(organisation, today: date | None = None) -> ReviewStatus:
    """When each part of the register is next due for review (four queries).

    The parts are the units that have activities, and the organisation itself when it has activities
    without a unit. A review of the whole organisation covers every part; a review of a unit covers that
    unit and the units below it. A part never reviewed is due one interval after its first activity.
    """
    today = today or timezone.localdate()
    settings = aspect_settings(organisation)
    started = dict(
        Activity.objects.filter(organisation=organisation)
        .order_by()
        .values_list("unit")
        .annotate(first=Min("created_at"))
        .values_list("unit", "first")
    )
    units = OrganisationUnit.objects.in_bulk([unit_id for unit_id in started if unit_id is not None])
    reviews = list(
        AspectReview.objects.filter(organisation=organisation)
        .order_by()
        .values_list("unit__path")
        .annotate(latest=Max("date"))
        .values_list("unit__path", "latest")
    )
    status = ReviewStatus(interval_months=settings.review_interval_months)
    for unit_id, first in started.items():
        unit = units.get(unit_id)
        path = unit.path if unit is not None else None
        covering = [
            latest for covered, latest in reviews if covered is None or (path is not None and path.startswith(covered))
        ]
        last = max(covering, default=None)
        due = calculations.next_review(last, timezone.localdate(first), settings.review_interval_months)
        status.subjects.append(ReviewSubject(unit=unit, last_review=last, next_review=due, overdue=due < today))
    status.subjects.sort(key=lambda subject: (subject.unit is not None, subject.unit.path if subject.unit else ""))
    return status


def review_list(scope) -> models.QuerySet:
    reviews = scope.in_focus(scope.filter(AspectReview.objects.all()))
    return reviews.select_related("unit", "reviewed_by")


# Activities ----------------------------------------------------------------------------------------------


def activity_list(scope, *, unit: OrganisationUnit | None = None, kind: str = "") -> models.QuerySet:
    activities = scope.in_focus(scope.filter(Activity.objects.all()))
    if unit is not None:
        activities = activities.filter(unit__path__startswith=unit.path)
    if kind:
        activities = activities.filter(kind=kind)
    return activities.select_related("unit").annotate(
        aspect_count=Count("aspects"), significant_count=Count("aspects", filter=Q(aspects__is_significant=True))
    )


# The overview --------------------------------------------------------------------------------------------


def overview(scope, today: date | None = None) -> dict:
    """The register at a glance: counts, significant aspects that are not handled, aspects to (re)score,
    and the review status."""
    aspects = scope.in_focus(scope.filter(Aspect.objects.all()))
    counts = aspects.aggregate(
        total=Count("pk"),
        significant=Count("pk", filter=Q(is_significant=True)),
        indirect=Count("pk", filter=Q(influence=Aspect.Influence.INDIRECT)),
        abroad=Count("pk", filter=Q(occurs_abroad=True)),
        not_scored=Count("pk", filter=Q(scored_on__isnull=True)),
    )
    by_dimension = {
        row["dimension"]: row
        for row in aspects.order_by()
        .values("dimension")
        .annotate(total=Count("pk"), significant=Count("pk", filter=Q(is_significant=True)))
    }
    active = SignificanceCriterion.objects.filter(organisation=scope.organisation, active=True).count()
    counts["to_rescore"] = (
        aspects.filter(scored_on__isnull=False)
        .annotate(active_scores=Count("scores", filter=Q(scores__criterion__active=True)))
        .filter(active_scores__lt=active)
        .count()
    )
    unhandled = listed(aspects.filter(is_significant=True).exclude(rules.handled_q()))
    return {
        "counts": counts,
        "activities": scope.in_focus(scope.filter(Activity.objects.all())).count(),
        "dimensions": [
            {"label": label, "value": value, **by_dimension.get(value, {"total": 0, "significant": 0})}
            for value, label in Aspect.Dimension.choices
        ],
        "unhandled": assess(unhandled),
        "review": review_status(scope.organisation, today),
    }


def coordinators(organisation):
    """Who hears about overdue reviews: active members who manage follow-up for the whole organisation
    (coordinators and administrators)."""
    from django.contrib.auth import get_user_model

    from hallbar.accounts.models import Membership
    from hallbar.accounts.roles import ROLE_PERMISSIONS, Permission

    roles = [role for role, permissions in ROLE_PERMISSIONS.items() if Permission.MANAGE_FOLLOW_UP in permissions]
    memberships = Membership.objects.filter(
        organisation=organisation, unit__isnull=True, is_active=True, role__in=roles
    )
    return get_user_model().objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by("email")
