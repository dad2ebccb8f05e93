"""Forms of the climate budget: the budget, a sector responsibility, a measure, a reported effect and a
new action for a measure. The rules are checked in :mod:`.budget_services`."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hallbar.actions.models import Action
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.forms import Form, ModelForm, unit_label

from .models import BudgetMethod, ClimateBudget, Measure, SectorResponsibility


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return unit_label(obj)


class ClimateBudgetForm(ModelForm):
    class Meta:
        model = ClimateBudget
        fields = ["title", "budget_year", "plan_years", "method", "note"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["method"].queryset = BudgetMethod.objects.filter(
            Q(organisation=None) | Q(organisation=organisation)
        ).select_related("release")
        self.fields["method"].help_text = _("The ceilings follow this preset's reduction path for the municipality.")


class ResponsibilityForm(ModelForm):
    unit = UnitChoiceField(queryset=OrganisationUnit.objects.none(), label=_("Responsible committee or company"))

    class Meta:
        model = SectorResponsibility
        fields = ["sector", "unit", "share_percent"]

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.budget = budget
        self.fields["unit"].queryset = OrganisationUnit.objects.filter(
            organisation_id=budget.organisation_id, is_active=True
        ).order_by("path")


class MeasureForm(ModelForm):
    unit = UnitChoiceField(queryset=OrganisationUnit.objects.none(), label=_("Responsible unit"))

    class Meta:
        model = Measure
        fields = [
            "title",
            "unit",
            "sector",
            "description",
            "effect_t",
            "cost_sek",
            "funding_sek",
            "funding_source",
            "start_year",
            "lifetime_years",
            "actions",
        ]

    def __init__(self, *args, budget, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.budget = budget
        self.fields["unit"].queryset = units
        self.fields["actions"].queryset = Action.objects.filter(organisation_id=budget.organisation_id).order_by(
            "title"
        )
        self.fields["actions"].help_text = _("Existing actions that carry out the measure.")
        self.fields["effect_t"].min_value = None  # negative effects reach the service, which says why not


class EffectForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    effect_t = forms.FloatField(label=_("Reported effect (t CO2e)"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in budget.years]


class MeasureActionForm(Form):
    title = forms.CharField(label=_("Title of the action"), max_length=300)
