"""Status workflows shared by the records that move through stages (audits, management reviews …).

An app declares its transitions and their guards in its own ``workflow.py`` (the rules stay in one
place per record) and builds a :class:`Workflow` from them; this module answers, the same way for
every app, which transitions lead on from a record's status and why one is refused now. Making the
move (locking the row, effects, saving) stays in the app, because what is saved differs.

A guard takes the record and returns why the transition is refused (a sentence ending in a full
stop, e.g. "no lead auditor is chosen."), or None. A refusal reads "<refused>: <reason>", e.g.
"The audit cannot be started: no lead auditor is chosen."
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

Guard = Callable[[Any], str | None]


@dataclass(frozen=True)
class Transition:
    name: str  # as in URLs and the API
    source: str
    target: str
    label: Promise  # the button
    refused: Promise  # the start of a refusal: "The audit cannot be started"
    guards: tuple[Guard, ...] = ()
    effect: Callable[..., None] | None = None  # called by the app's transition function before saving
    permission: str | None = None  # who may attempt it, where the app checks that per transition


class Workflow:
    def __init__(self, transitions: Iterable[Transition], *, unknown: Promise, status_field: str = "status"):
        self.transitions: dict[str, Transition] = {transition.name: transition for transition in transitions}
        self.unknown = unknown  # "There is no such step for an audit."
        self.status_field = status_field

    def available(self, record) -> list[Transition]:
        """The transitions that lead on from the record's status (their guards may still refuse)."""
        status = getattr(record, self.status_field)
        return [transition for transition in self.transitions.values() if transition.source == status]

    def problems(self, record, name: str) -> list[str]:
        """Why the transition ``name`` is refused now, as full sentences; empty when it is allowed."""
        transition = self.transitions.get(name)
        if transition is None:
            return [str(self.unknown)]
        if getattr(record, self.status_field) != transition.source:
            status = getattr(record, f"get_{self.status_field}_display")()
            return [f"{transition.refused}: " + _("its status is “%(status)s”.") % {"status": status}]
        reasons = (guard(record) for guard in transition.guards)
        return [f"{transition.refused}: {reason}" for reason in reasons if reason]
