"""Deleting with a guard: refuse when other records depend on the object, and say which."""

from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class DeletionRefused(Exception):
    """Raised with a user-facing message naming what depends on the object."""

    def __init__(self, message: str, dependents: list[str]):
        super().__init__(message)
        self.message = message
        self.dependents = dependents


def describe_dependents(objects) -> list[str]:
    """Group dependent objects by kind: ['3 memberships: Anna, Bo, Cia', ...]."""
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    lines = []
    for model, items in by_model.items():
        names = ", ".join(str(item) for item in items[:5])
        more = (
            ngettext(" and %(n)d more", " and %(n)d more", len(items) - 5) % {"n": len(items) - 5}
            if len(items) > 5
            else ""
        )
        label = model._meta.verbose_name if len(items) == 1 else model._meta.verbose_name_plural
        lines.append(f"{len(items)} {label}: {names}{more}")
    return lines


def dependents_of(obj: models.Model) -> list[str]:
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        blocked = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", [])
        return describe_dependents(blocked)
    return []


def guarded_delete(obj: models.Model) -> None:
    """Delete ``obj`` or raise :class:`DeletionRefused` listing what still depends on it."""
    dependents = dependents_of(obj)
    if dependents:
        message = _("%(object)s cannot be deleted because other records depend on it: %(list)s.") % {
            "object": capfirst(str(obj)),
            "list": "; ".join(dependents),
        }
        raise DeletionRefused(message, dependents)
    obj.delete()
