"""Factories for the citizen dialogue."""

from hallbar.dialogue import services
from hallbar.dialogue.models import Contribution
from tests.plans.factories import plan_tree_for
from tests.portal.factories import published


def published_goal(organisation):
    """The organisation's goal, published on its open portal."""
    return published(plan_tree_for(organisation).goals.get())


def contribution_for(organisation, unit=None, *, status=Contribution.Status.PENDING, **fields) -> Contribution:
    """A contribution on the organisation's goal (unpublished unless the test publishes it)."""
    goal = plan_tree_for(organisation, unit).goals.get()
    fields.setdefault("kind", Contribution.Kind.PROPOSAL)
    fields.setdefault("text", "Fler laddstolpar vid skolorna, tack!")
    entry = services.submit(goal, **fields)
    if status != Contribution.Status.PENDING:
        Contribution.objects.filter(pk=entry.pk).update(status=status, rejection_reason="Spam")
        entry.refresh_from_db()
    return entry
