"""Good examples in the library: two of Linköping's own actions and one action each of Norrköping, Motala
and Mjölby (made here, finished), shared with themes, SDG targets, cost and result; Linköping copies
Norrköping's example into its action plan, so the action links back to it."""

from hallbar.actions import services as actions
from hallbar.actions.models import Action, ActionPlan
from hallbar.examples import services as examples
from hallbar.examples.models import Example, Theme
from hallbar.frameworks.models import FrameworkItem
from hallbar.history.context import acting_as

from .neighbours import Neighbour
from .story import Demo

FIELDS = ("title", "what_was_done", "cost_sek", "result_value", "result_unit", "result_text")


def _neighbour_action(neighbour: Neighbour, spec: dict) -> Action:
    """The finished action of a neighbour that its example is shared from."""
    action = actions.create_action(
        organisation=neighbour.organisation,
        title=spec["action"],
        description=spec["what_was_done"],
        responsible_unit=neighbour.units[spec["unit"]],
        contact_person=neighbour.coordinator,
        start_date=spec["start"],
        end_date=spec["end"],
        outcome_sek=spec["cost_sek"],
        status=Action.Status.ONGOING,
    )
    actions.post_progress(
        action, author=neighbour.coordinator, text=spec["result_text"], status=Action.Status.DONE, date=spec["end"]
    )
    return action


def _share(demo: Demo, action: Action, user, spec: dict) -> Example:
    return examples.share_action(
        action,
        user=user,
        goals=[demo.goals[title] for title in spec.get("goals", ())],
        framework_items=FrameworkItem.objects.filter(urn__in=[f"urn:hallbar:sdg:target:{t}" for t in spec["sdg"]]),
        themes=Theme.objects.filter(key__in=spec["themes"]),
        contact_name=user.get_full_name(),
        contact_email=user.email,
        **{name: spec[name] for name in FIELDS},
    )


def _copy(demo: Demo, example: Example, spec: dict) -> None:
    action = examples.copy_to_plan(
        example,
        organisation=demo.organisation,
        title=spec["title"],
        action_plan=ActionPlan.objects.filter(organisation=demo.organisation).order_by("pk").first(),
        responsible_unit=demo.units[spec["unit"]],
    )
    actions.update_action(action, start_date=spec["start"], contact_person=demo.people[spec["contact"]])


def build_examples(demo: Demo, neighbours: dict[str, Neighbour], specs: list[dict]) -> None:
    """Once: nothing is added when Linköping has shared an example already."""
    if Example.objects.filter(organisation=demo.organisation).exists():
        return
    for spec in specs:
        code = spec["organisation"]
        if code in neighbours:
            neighbour = neighbours[code]
            with acting_as(neighbour.coordinator):
                example = _share(demo, _neighbour_action(neighbour, spec), neighbour.coordinator, spec)
        else:
            action = Action.objects.get(organisation=demo.organisation, title=spec["action"], reason_type=None)
            example = _share(demo, action, demo.people["samordnare"], spec)
        if "copy_to" in spec:
            _copy(demo, example, spec["copy_to"])
