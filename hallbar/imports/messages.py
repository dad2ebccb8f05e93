"""Row errors as the user reads them: "row 14, Value: the value 'tolv' is not a number".

Errors are stored as codes with the cell's text and a detail, and rendered in the reader's
language when shown, so a Swedish and an English colleague read the same job's errors in their own.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .registry import ImportSpec

GENERIC_MESSAGES = {
    "required": gettext_lazy("a value is required"),
    "missing_column": gettext_lazy("the file has no column for it; choose one below or add it to the file"),
    "not_a_number": gettext_lazy("the value '%(value)s' is not a number"),
    "not_an_integer": gettext_lazy("the value '%(value)s' is not a whole number"),
    "not_a_year": gettext_lazy("the value '%(value)s' is not a year"),
    "year_out_of_range": gettext_lazy("the year %(value)s is outside %(detail)s"),
    "not_a_date": gettext_lazy("the value '%(value)s' is not a date; write it as 2025-03-31 or 31/3 2025"),
    "date_out_of_range": gettext_lazy("the date %(value)s is outside the years %(detail)s"),
    "too_small": gettext_lazy("the value '%(value)s' is smaller than %(detail)s"),
    "too_large": gettext_lazy("the value '%(value)s' is larger than %(detail)s"),
    "too_long": gettext_lazy("the text is longer than %(detail)s characters"),
    "unknown_choice": gettext_lazy("the value '%(value)s' is not one of: %(detail)s"),
    "unknown_reference": gettext_lazy("'%(value)s' does not exist in your organisation"),
    "ambiguous_reference": gettext_lazy("'%(value)s' matches more than one; use the id instead"),
    "duplicate": gettext_lazy("the same %(fields)s as row %(detail)s"),
    "permission": gettext_lazy("you may not change data for '%(value)s'"),
    "internal": gettext_lazy("the import stopped because of an unexpected error and nothing was imported; try again"),
}


def error_message(spec: ImportSpec, row, column: str, code: str, value, detail) -> str:
    """One stored error, rendered in the active language."""
    try:
        field = str(spec.column(column).label)
    except StopIteration:
        field = column
    template = spec.messages.get(code) or GENERIC_MESSAGES.get(code)
    params = {"value": value or "", "detail": detail or ""}
    if code == "duplicate":
        params["fields"] = ", ".join(str(spec.column(name).label).lower() for name in spec.unique_together)
    if callable(template):
        message = template(params)
    else:
        message = str(template) % params if template else code
    if row is None:
        return _("%(field)s: %(message)s") % {"field": field, "message": message} if column else message
    return _("row %(row)s, %(field)s: %(message)s") % {"row": row, "field": field, "message": message}


def render_errors(spec: ImportSpec, errors) -> list[dict]:
    return [
        {"row": row, "column": column, "message": error_message(spec, row, column, code, value, detail)}
        for row, column, code, value, detail in errors
    ]
