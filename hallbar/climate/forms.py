"""Forms of the carbon-budget presets: edit a preset, choose the organisation's preset, pick one to view."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.web.forms import Form, ModelForm

from .models import BudgetMethod, EmissionRelease
from .services import COMPARED_FIELDS

METHOD_FIELDS = list(COMPARED_FIELDS)  # every parameter of a preset, as services compares them


class BudgetMethodForm(ModelForm):
    """An organisation's own preset. The rules live in the model (``parameter_errors``) and the service."""

    class Meta:
        model = BudgetMethod
        fields = METHOD_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["release"].queryset = EmissionRelease.objects.filter(kind=EmissionRelease.Kind.TERRITORIAL)
        self.fields["county"].empty_label = _("– all of Sweden –")


class ChooseMethodForm(Form):
    method = forms.ModelChoiceField(label=_("Preset used by the organisation"), queryset=BudgetMethod.objects.none())

    def __init__(self, *args, methods, **kwargs):
        kwargs.setdefault("auto_id", "choose-%s")
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods
        self.fields["method"].empty_label = None


class ResultsFilterForm(Form):
    """Which preset and year the all-municipality results use (GET; bad values fall back to the defaults)."""

    method = forms.ModelChoiceField(label=_("Preset"), queryset=BudgetMethod.objects.none(), required=False)
    year = forms.IntegerField(label=_("Current year"), min_value=1990, max_value=2100, required=False)

    def __init__(self, *args, methods, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods
        self.fields["method"].empty_label = _("– the organisation's preset –")
