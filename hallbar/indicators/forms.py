from django import forms
from django.utils.translation import gettext as _

from hallbar.web.forms import ModelForm, setup_unit_field

from .models import Indicator, IndicatorValue
from .periods import period_name, valid_periods


class IndicatorForm(ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "title",
            "description",
            "unit",
            "direction",
            "frequency",
            "split_by_gender",
            "source",
            "method_note",
            "kolada_kpi",
            "responsible_unit",
        ]

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["responsible_unit"], units)

    def clean_kolada_kpi(self) -> str:
        return self.cleaned_data["kolada_kpi"].strip().upper()


class IndicatorValueForm(ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["unit", "year", "period", "value", "value_women", "value_men", "status", "source", "comment"]
        localized_fields = ["value", "value_women", "value_men"]  # "4,5" in Swedish
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, indicator, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        self.instance.organisation_id = indicator.organisation_id
        setup_unit_field(self.fields["unit"], units)
        periods = valid_periods(indicator.frequency)
        if len(periods) == 1:
            del self.fields["period"]
        else:
            self.fields["period"] = forms.TypedChoiceField(
                label=self.fields["period"].label,
                coerce=int,
                choices=[(number, period_name(number, indicator.frequency)) for number in periods],
            )
        if not indicator.split_by_gender:
            del self.fields["value_women"]
            del self.fields["value_men"]
        for name in ("value", "value_women", "value_men"):
            if name in self.fields:
                self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["value"].required = True
        self.fields["value"].label = _("Value (%(unit)s)") % {"unit": indicator.unit} if indicator.unit else _("Value")
        self.fields["year"].widget.attrs.update(min=1900, max=2100)
