"""Citizen dialogue on two of Linköping's published goals: posts as visitors leave them on the public
goal page, then moderated by the coordinator — approved and answered, one rejected as spam, one left
waiting in the queue, and one proposal turned into an action that the public page follows."""

from django.utils import timezone

from hallbar.actions.models import Action
from hallbar.dialogue import services as dialogue
from hallbar.dialogue.models import Contribution

from .story import Demo


def _make_action(demo: Demo, entry: Contribution, spec: dict) -> Action:
    started = spec["start"] <= timezone.localdate()
    return dialogue.make_action(
        entry,
        user=demo.people["samordnare"],
        title=spec["title"],
        responsible_unit=demo.units[spec["unit"]],
        contact_person=demo.people["samordnare"],
        start_date=spec["start"],
        end_date=spec["end"],
        budget_sek=spec["budget_sek"],
        status=Action.Status.ONGOING if started else Action.Status.NOT_STARTED,
    )


def build_dialogue(demo: Demo, specs: list[dict]) -> None:
    """Once: nothing is added when the organisation has contributions already."""
    if Contribution.objects.filter(organisation=demo.organisation).exists():
        return
    moderator = demo.people["samordnare"]
    for spec in specs:
        entry = dialogue.submit(
            demo.goals[spec["goal"]],
            kind=spec["kind"],
            text=spec["text"],
            name=spec.get("name", ""),
            email=spec.get("email", ""),
        )
        if spec["status"] == Contribution.Status.REJECTED:
            dialogue.reject(entry, user=moderator, reason=spec["reason"])
        elif spec["status"] == Contribution.Status.APPROVED:
            dialogue.approve(entry, user=moderator)
            if "answer" in spec:
                dialogue.answer(entry, user=moderator, text=spec["answer"])
            if "action" in spec:
                _make_action(demo, entry, spec["action"])
