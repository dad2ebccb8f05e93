"""The handling rule of significant aspects, in one place, for the database and for Python.

A significant aspect must be *handled*, in at least one of three ways:

1. linked to a goal or a target of a plan (the aspect is steered by the plan's follow-up);
2. an operational control: a routine, described in words, that keeps the aspect under control;
3. an explicit decision on how it is handled, with its date and who decided.

:func:`handled_q` filters and annotates querysets; :func:`is_handled` answers for one aspect
(optionally with the goals and targets it is about to get). The services refuse to save a
significant aspect that is not handled; an aspect that *becomes* significant through scoring or a
changed threshold is flagged on the register and the overview until it is handled.
"""

from collections.abc import Iterable

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, When
from django.utils.translation import gettext_lazy as _

from .models import Aspect

UNHANDLED_MESSAGE = _(
    "This aspect is significant and must be handled: link it to a goal or a target, describe its "
    "operational control, or record a decision."
)


def handled_q() -> Q:
    goals = Aspect.goals.through.objects.filter(aspect_id=OuterRef("pk"))
    targets = Aspect.targets.through.objects.filter(aspect_id=OuterRef("pk"))
    return Q(Exists(goals)) | Q(Exists(targets)) | ~Q(operational_control="") | ~Q(decision="")


def with_handled(aspects):
    """Annotate ``is_handled`` (a boolean) on a queryset of aspects."""
    return aspects.annotate(is_handled=Case(When(handled_q(), then=True), default=False, output_field=BooleanField()))


def is_handled(aspect: Aspect, *, goals: Iterable | None = None, targets: Iterable | None = None) -> bool:
    """Whether ``aspect`` is handled; ``goals``/``targets`` given: as it will be with those links."""
    if aspect.operational_control.strip() or aspect.decision.strip():
        return True
    for name, given in (("goals", goals), ("targets", targets)):
        if given is not None:
            if list(given):
                return True
        elif aspect.pk is not None and getattr(aspect, name).exists():
            return True
    return False


def needs_handling(aspect: Aspect, **links) -> bool:
    return aspect.is_significant and not is_handled(aspect, **links)
