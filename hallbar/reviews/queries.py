"""Read models for the review pages, the API and the inputs, each a fixed number of queries.

Besides the reviews themselves, this module holds the small queries the inputs need that no other
app offers: which records of a kind were added, changed or deleted during a period, read from the
change history (:mod:`hallbar.history`), for records that keep no dates of their own.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from hallbar.actions import queries as action_queries
from hallbar.actions.models import Action
from hallbar.history.models import ChangeRecord

from .models import Decision, ManagementReview

ADDED, CHANGED, DELETED = "added", "changed", "deleted"


# Reviews ------------------------------------------------------------------------------------------


def _action_count():
    actions = (
        Action.objects.filter(reason_type=ContentType.objects.get_for_model(ManagementReview), reason_id=OuterRef("pk"))
        .order_by()
        .values("reason_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(actions, output_field=IntegerField()), Value(0))


def review_list(scope, *, year: int | None = None, status: str | None = None) -> models.QuerySet:
    """The scope's reviews, newest first, with their number of decisions and of actions."""
    reviews = scope.filter(ManagementReview.objects.all())
    if year is not None:
        reviews = reviews.filter(date__year=year)
    if status:
        reviews = reviews.filter(status=status)
    decisions = Decision.objects.filter(review=OuterRef("pk")).order_by().values("review").annotate(n=Count("pk"))
    return reviews.select_related("approved_by").annotate(
        decision_count=Coalesce(Subquery(decisions.values("n"), output_field=IntegerField()), Value(0)),
        action_count=_action_count(),
    )


def years(scope) -> list[int]:
    dates = scope.filter(ManagementReview.objects.all()).dates("date", "year", order="DESC")
    return [day.year for day in dates]


def previous_review(organisation, before: date, exclude: ManagementReview | None = None) -> ManagementReview | None:
    """The organisation's latest review held before ``before`` (not ``exclude``), if any."""
    reviews = ManagementReview.objects.filter(organisation=organisation, date__lt=before)
    if exclude is not None and exclude.pk is not None:
        reviews = reviews.exclude(pk=exclude.pk)
    return reviews.order_by("-date", "-pk").first()


def decisions_of(review: ManagementReview) -> list[Decision]:
    return list(review.decisions.all())


def actions_of(review: ManagementReview, scope) -> list[Action]:
    """The actions decided at the review, flagged overdue and stale as on the action pages."""
    settings = action_queries.follow_up_settings(review.organisation)
    return action_queries.flag(action_queries.actions_for(review, scope), settings)


# What changed during a period, from the change history --------------------------------------------


@dataclass
class Change:
    """What happened to one record during the period: ``kind`` is ADDED, CHANGED or DELETED (the last
    thing that happened decides, except that a record added and then changed counts as added)."""

    kind: str
    at: datetime  # the latest change
    name: str  # as the history recorded it (for deleted records)


def changes_in_period(
    organisation, model: type[models.Model], since: datetime, until: datetime, ignore: frozenset[str] = frozenset()
) -> dict[int, Change]:
    """Records of ``model`` of the organisation added, changed or deleted from ``since`` (inclusive) to
    ``until`` (exclusive), by id (one query). Updates that touch only fields in ``ignore`` (values the
    system keeps up to date itself, such as a next evaluation date) do not count as changes."""
    records = ChangeRecord.objects.filter(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(model),
        created_at__gte=since,
        created_at__lt=until,
    ).order_by("created_at", "pk")
    found: dict[int, Change] = {}
    for object_id, action, changes, name, at in records.values_list(
        "object_id", "action", "changes", "object_repr", "created_at"
    ):
        if action == ChangeRecord.Action.UPDATE and set(changes) <= ignore:
            continue
        pk = int(object_id)
        kind = {ChangeRecord.Action.CREATE: ADDED, ChangeRecord.Action.DELETE: DELETED}.get(action, CHANGED)
        earlier = found.get(pk)
        if earlier is not None and earlier.kind == ADDED and kind == CHANGED:
            kind = ADDED
        found[pk] = Change(kind, at, name)
    return found


def field_changes_in_period(
    organisation, model: type[models.Model], field: str, since: datetime, until: datetime
) -> dict[int, tuple[object, object, datetime]]:
    """For records of ``model`` whose ``field`` was set or changed during the period (its creation
    counts): ``{id: (value before the period's first change, value after its last, when)}`` (one query)."""
    records = ChangeRecord.objects.filter(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(model),
        action__in=(ChangeRecord.Action.CREATE, ChangeRecord.Action.UPDATE),
        created_at__gte=since,
        created_at__lt=until,
    ).order_by("created_at", "pk")
    found: dict[int, tuple[object, object, datetime]] = {}
    for object_id, changes, at in records.values_list("object_id", "changes", "created_at"):
        if field not in changes:
            continue
        before, after = changes[field]
        pk = int(object_id)
        first = found[pk][0] if pk in found else before
        found[pk] = (first, after, at)
    return found
