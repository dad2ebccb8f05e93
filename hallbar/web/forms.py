"""A form base that ties help texts and errors to their inputs for screen readers."""

from django import forms
from django.utils.translation import gettext_lazy


class AccessibleFormMixin:
    """Sets aria-describedby and aria-invalid on every widget after validation."""

    def _describe(self) -> None:
        for name, field in self.fields.items():
            # The id as BoundField.auto_id builds it; not through self[name], which would cache a
            # bound field and hide fields a subclass replaces after __init__.
            auto_id = self.auto_id % self.add_prefix(name) if "%s" in str(self.auto_id) else self.add_prefix(name)
            ids = []
            if field.help_text:
                ids.append(f"{auto_id}_helptext")
            errors = (self._errors or {}).get(name, [])  # never trigger validation from here
            ids += [f"{auto_id}_error{index}" for index in range(1, len(errors) + 1)]
            attrs = field.widget.attrs
            attrs.pop("aria-describedby", None)
            attrs.pop("aria-invalid", None)
            if ids:
                attrs["aria-describedby"] = " ".join(ids)
            if errors:
                attrs["aria-invalid"] = "true"

    def full_clean(self):
        super().full_clean()
        self._describe()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe()


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


def https_formfield(model_field, **kwargs):
    """``Meta.formfield_callback`` for model forms with web addresses: one typed without a scheme is
    taken as https:// (Django 6's default; Django 5.2 warns without it)."""
    from django.db import models

    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def unit_label(unit) -> str:
    """A unit in a select, indented by its depth in the tree."""
    return f"{'— ' * unit.depth}{unit.name}"


WHOLE_ORGANISATION = gettext_lazy("– the whole organisation –")


def setup_unit_field(field, units, empty_label=WHOLE_ORGANISATION) -> None:
    """A unit select offering ``units`` as an indented tree; the empty choice is ``empty_label``.

    For a responsible unit, ``units`` are those the user may make responsible (the view's
    :func:`hallbar.web.mixins.units_for`: the units they may change, plus the current one)."""
    field.queryset = units
    field.label_from_instance = unit_label
    field.empty_label = empty_label


def add_errors(form, error) -> None:
    """Put a service's ValidationError on the form: on the named field, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
