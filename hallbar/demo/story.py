"""What the management-system steps of the demo share: the content file, the story's dates, and a
:class:`Demo` holding the organisation, its units and people and what earlier steps made."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache

import yaml
from django.utils import timezone

from hallbar.accounts.scoping import Scope
from hallbar.actions import services as actions
from hallbar.actions.models import Action
from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation

from .follow_up import DATA


@cache
def content() -> dict:
    """``data/management_system.yaml``: the illustrative content of the demo's management system."""
    with open(DATA / "management_system.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when available


def on(day: date) -> date:
    """A date of the story, moved to today when it lies after it (so that "not in the future" rules hold)."""
    return min(day, timezone.localdate())


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(on(day), time(10)))


@dataclass
class Demo:
    organisation: Organisation
    people: dict  # e-mail local part → user
    units: dict  # name → unit
    goals: dict  # title → goal
    documents: dict = field(default_factory=dict)  # key in the content file → controlled document
    scan: dict = field(default_factory=dict)  # title → scan item
    aspects: dict = field(default_factory=dict)  # name → aspect
    obligations: dict = field(default_factory=dict)  # title → obligation

    def clauses(self, refs) -> list[FrameworkItem]:
        """ISO 14001 clauses by number, e.g. "8.1"."""
        return list(FrameworkItem.objects.filter(urn__in=[f"urn:hallbar:iso14001:{ref}" for ref in refs]))

    def scope(self, person: str) -> Scope:
        """What ``person`` may do in the organisation (for services whose guard includes who acts)."""
        return Scope(self.people[person], self.organisation)


def follow_up_action(demo: Demo, create, spec: dict) -> Action:
    """An action made by ``create`` (the service of the record it is for: a risk, a nonconformity, a
    review), with its progress from ``spec`` reported by its contact person (``done``: finished then)."""
    contact = demo.people[spec["contact"]]
    started = spec["start"] <= timezone.localdate()
    action = create(
        title=spec["title"],
        responsible_unit=demo.units[spec["unit"]],
        contact_person=contact,
        start_date=spec["start"],
        end_date=spec["end"],
        status=Action.Status.ONGOING if started else Action.Status.NOT_STARTED,
    )
    if "progress" in spec:
        done = spec.get("done", False)
        actions.post_progress(
            action,
            author=contact,
            text=spec["progress"],
            status=Action.Status.DONE if done else None,
            date=on(spec["end"]) if done else None,
        )
    return action
