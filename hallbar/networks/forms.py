from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hallbar.kolada.models import Kpi
from hallbar.organisations.models import County, Organisation
from hallbar.web.forms import Form, ModelForm

from .models import Network


class NetworkForm(ModelForm):
    class Meta:
        model = Network
        fields = ["name", "description"]


class InviteForm(Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    county = forms.ModelChoiceField(
        label=_("Or every organisation in a county"),
        queryset=County.objects.order_by("name"),
        required=False,
        help_text=_("Invites every organisation of the county that is not yet in the network."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["organisations"].queryset = candidates

    def clean(self):
        data = super().clean()
        chosen = list(data.get("organisations") or [])
        if county := data.get("county"):
            chosen += list(
                self.candidates.filter(Q(county=county) | Q(municipality__county=county)).exclude(
                    pk__in=[o.pk for o in chosen]
                )
            )
        if not chosen and not self.errors:
            raise ValidationError(_("Choose at least one organisation, or a county with organisations to invite."))
        data["invitees"] = chosen
        return data


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, indicator) -> str:
        if indicator.kolada_kpi:
            return _("%(title)s (%(unit)s, Kolada %(kpi)s)") % {
                "title": indicator.title,
                "unit": indicator.unit,
                "kpi": indicator.kolada_kpi,
            }
        return _("%(title)s (%(unit)s)") % {"title": indicator.title, "unit": indicator.unit}


class SharingForm(Form):
    indicators = IndicatorChoiceField(
        label=_("Indicators shared with the network"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of the network see the whole-organisation values of the indicators you tick."),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = indicators


class PanelForm(Form):
    measure = forms.ChoiceField(label=_("Shared indicator"), required=False)
    kpi = forms.CharField(
        label=_("Or a Kolada KPI"),
        required=False,
        max_length=8,
        help_text=_("The Kolada id, for example N00401."),
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", _("Choose…")), *((m.key, m.label) for m in measures)]

    def clean_kpi(self):
        kpi = self.cleaned_data["kpi"].strip().upper()
        if kpi and not Kpi.objects.filter(id=kpi).exists():
            raise ValidationError(_("There is no Kolada KPI with the id %(kpi)s.") % {"kpi": kpi})
        return kpi

    def chosen_key(self) -> str | None:
        if not self.is_valid():
            return None
        if kpi := self.cleaned_data["kpi"]:
            return f"kpi:{kpi}"
        return self.cleaned_data["measure"] or None
