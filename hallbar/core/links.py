"""Links of a record (many-to-many) that must stay within the record's organisation."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def check_organisation_links(
    organisation_id: int, links: Mapping[str, Iterable | None], known: Mapping[str, tuple[type[models.Model], str]]
) -> None:
    """All ``links`` ({field: objects}; ``None``: not changed) must belong to the organisation, ``known``
    giving each field's model and ORM path to the organisation id; raises ValidationError naming, per
    field, up to five of the others."""
    errors = {}
    for name, objects in links.items():
        if objects is None:
            continue
        model, path = known[name]
        ids = [obj.pk for obj in objects]
        foreign = model.objects.filter(pk__in=ids).exclude(**{path: organisation_id})
        if ids and foreign.exists():
            names = ", ".join(f"“{obj}”" for obj in foreign[:5])
            errors[name] = _("These belong to another organisation: %(names)s.") % {"names": names}
    if errors:
        raise ValidationError(errors)
