"""Read models of the citizen dialogue: the public entries of a goal (with answers and what became of
proposals) and the coordinators' moderation queue."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from hallbar.actions.models import Action
from hallbar.plans.models import Goal
from hallbar.portal import queries as portal_queries

from .models import Contribution


def open_goal(pk: int) -> Goal:
    """A goal published on its organisation's open portal, else 404 (two queries)."""
    goal = Goal.objects.select_related("plan__organisation").filter(pk=pk).first()
    if goal is None:
        raise Http404
    organisation = portal_queries.public_organisation(goal.plan.organisation.slug)
    return portal_queries.published_object(organisation, Goal, pk)


def with_actions(entries: list[Contribution]) -> list[Contribution]:
    """Set ``entry.action`` (the action a proposal became, or None) on each entry; one query."""
    content_type = ContentType.objects.get_for_model(Contribution)
    actions = Action.objects.filter(reason_type=content_type, reason_id__in=[entry.pk for entry in entries])
    by_entry = {action.reason_id: action for action in actions.only("pk", "title", "status", "reason_id")}
    for entry in entries:
        entry.action = by_entry.get(entry.pk)
    return entries


def public_entries(goal: Goal) -> list[Contribution]:
    """The goal's approved contributions, oldest first, with answers and actions (two queries at most).
    Never the e-mail address, never pending or rejected ones."""
    entries = list(
        Contribution.objects.filter(goal=goal, status=Contribution.Status.APPROVED)
        .only("pk", "goal_id", "kind", "name", "text", "answer", "answered_at", "created_at", "status")
        .order_by("created_at", "pk")
    )
    return with_actions(entries) if entries else entries


def queue(scope, status: str = Contribution.Status.PENDING) -> list[Contribution]:
    """The contributions of the scope's organisation in one status, newest first, with goal and action."""
    entries = scope.filter(Contribution.objects.all()).filter(status=status).select_related("goal__plan")
    return with_actions(list(scope.in_focus(entries)))


def counts(scope) -> dict[str, int]:
    from django.db.models import Count

    rows = scope.filter(Contribution.objects.all()).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
