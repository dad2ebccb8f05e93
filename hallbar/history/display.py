"""Turn stored field changes back into readable labels and values."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _


def _readable(field, value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and field.is_relation and field.related_model is not None:
        pks = value if isinstance(value, list) else [value]
        names = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=pks)}
        return "; ".join(names.get(pk, f"#{pk}") for pk in pks) if pks else "–"
    return str(value)


def field_changes(record) -> list[dict]:
    model = record.model_class
    rows = []
    for name, (old, new) in record.changes.items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(field.verbose_name) if field is not None else name
        rows.append(
            {"field": label[:1].upper() + label[1:], "old": _readable(field, old), "new": _readable(field, new)}
        )
    return rows
