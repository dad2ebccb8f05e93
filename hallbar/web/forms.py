"""A form base that ties help texts and errors to their inputs for screen readers."""

from django import forms


class AccessibleFormMixin:
    """Sets aria-describedby and aria-invalid on every widget after validation."""

    def _describe(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            errors = (self._errors or {}).get(name, [])  # never trigger validation from here
            ids += [f"{bound.auto_id}_error{index}" for index in range(1, len(errors) + 1)]
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
