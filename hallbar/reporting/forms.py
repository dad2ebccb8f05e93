from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.indicators.models import IndicatorValue
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.forms import Form, ModelForm, unit_label

from .models import ReportingRound, UnitReport


class RoundForm(ModelForm):
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Units that report"),
        queryset=OrganisationUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Each unit chosen gets a report to fill in and submit by the deadline."),
    )

    class Meta:
        model = ReportingRound
        fields = ["title", "year", "frequency", "period", "deadline", "instructions", "status"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        units = self.fields["units"]
        units.queryset = OrganisationUnit.objects.filter(organisation=organisation).order_by("path")
        units.label_from_instance = unit_label
        if self.instance.pk:
            units.initial = list(self.instance.reports.values_list("unit_id", flat=True))
        else:
            del self.fields["status"]


class ValueLineForm(Form):
    """One indicator's value for the round's period, in a unit report."""

    value = forms.FloatField(label=gettext_lazy("Value"), required=False, localize=True)
    value_women = forms.FloatField(label=gettext_lazy("Women"), required=False, localize=True)
    value_men = forms.FloatField(label=gettext_lazy("Men"), required=False, localize=True)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=IndicatorValue.Status.choices)
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, max_length=2000)

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        indicator = line.indicator
        if not indicator.split_by_gender:
            del self.fields["value_women"]
            del self.fields["value_men"]
        for name in ("value", "value_women", "value_men"):
            if name in self.fields:
                self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["value"].label = _("%(indicator)s, %(period)s (%(unit)s)") % {
            "indicator": indicator.title,
            "period": line.period_label,
            "unit": indicator.unit,
        }
        if line.value is not None and not self.is_bound:
            self.initial = {
                "value": line.value.value,
                "value_women": line.value.value_women,
                "value_men": line.value.value_men,
                "status": line.value.status,
                "comment": line.value.comment,
            }
        else:
            self.initial.setdefault("status", IndicatorValue.Status.PRELIMINARY)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") is None and (
            cleaned.get("value_women") is not None or cleaned.get("value_men") is not None
        ):
            self.add_error("value", _("Give the total as well as the values for women and men."))
        return cleaned


class SummaryForm(ModelForm):
    class Meta:
        model = UnitReport
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}


class ReviewForm(Form):
    review_comment = forms.CharField(
        label=gettext_lazy("Comment to the unit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you return the report."),
    )
