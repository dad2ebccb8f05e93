"""Validation of Swedish official identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_RE = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return the organisation number as NNNNNN-NNNN, or raise ValidationError."""
    match = ORG_NUMBER_RE.match((value or "").strip())
    if not match:
        raise ValidationError(_("Enter the organisation number as ten digits, for example 212000-0142."), code="format")
    digits = match.group(1) + match.group(2)
    if not luhn_ok(digits):
        raise ValidationError(
            _("The organisation number %(value)s has a wrong check digit. Check for typing errors."),
            code="checksum",
            params={"value": value},
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def responsible_unit_errors(obj, organisation_id: int | None = None, field: str = "responsible_unit") -> dict:
    """``{field: message}`` when ``obj``'s responsible unit belongs to another organisation, else ``{}``.

    For a model's ``clean()``: ``errors.update(responsible_unit_errors(self))``. The organisation is
    ``obj.organisation_id`` unless given (a goal takes its plan's).
    """
    organisation_id = obj.organisation_id if organisation_id is None else organisation_id
    unit = getattr(obj, field) if getattr(obj, f"{field}_id") else None
    if unit is not None and organisation_id and unit.organisation_id != organisation_id:
        return {field: _("The responsible unit must belong to the same organisation.")}
    return {}
