from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, MULTIPLE_HELP, grouped
from hallbar.organisations.models import OrganisationUnit
from hallbar.plans.models import Goal
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .models import InterestedParty, ScanItem, ScopeStatement

TEXT_WIDGET = forms.Textarea(attrs={"rows": 4})


class InterestedPartyForm(ModelForm):
    class Meta:
        model = InterestedParty
        fields = [
            "name",
            "category",
            "relevance",
            "needs",
            "is_compliance_obligation",
            "obligation_note",
            "responsible_unit",
            "last_reviewed_on",
        ]
        widgets = {"needs": TEXT_WIDGET, "obligation_note": TEXT_WIDGET, "last_reviewed_on": DATE_WIDGET}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["responsible_unit"], units)


class ScanItemForm(ModelForm):
    class Meta:
        model = ScanItem
        fields = [
            "title",
            "category",
            "description",
            "trend",
            "impact",
            "impact_size",
            "time_horizon",
            "source",
            "source_url",
            "noted_on",
            "status",
            "responsible_unit",
            "goals",
        ]
        widgets = {"description": TEXT_WIDGET, "noted_on": DATE_WIDGET}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["responsible_unit"], units)
        goals = Goal.objects.filter(plan__organisation=organisation).select_related("plan").order_by("plan", "order")
        field = self.fields["goals"]
        field.queryset = goals
        field.widget.choices = grouped(goals, lambda goal: goal.plan)
        field.widget.attrs["size"] = 8
        field.help_text = f"{field.help_text} {MULTIPLE_HELP}"


class ScopeStatementForm(ModelForm):
    class Meta:
        model = ScopeStatement
        fields = ["text", "boundaries", "units", "exclusions", "valid_from", "approved_by", "approved_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "boundaries": TEXT_WIDGET,
            "exclusions": TEXT_WIDGET,
            "valid_from": DATE_WIDGET,
            "approved_on": DATE_WIDGET,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        units = self.fields["units"]
        units.queryset = OrganisationUnit.objects.filter(organisation=organisation, is_active=True).order_by("path")
        units.label_from_instance = unit_label
        units.widget.attrs["size"] = 10
        units.help_text = MULTIPLE_HELP
        self.fields["approved_on"].help_text = _("Leave who and when empty while the version is a draft.")


def _choices(all_label, choices) -> list:
    return [("", all_label), *choices]


class PartyFilterForm(Form):
    """The filters above the interested parties (GET; every field optional, bad values are ignored)."""

    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=_choices(_("All categories"), InterestedParty.Category.choices)
    )
    relevance = forms.ChoiceField(
        label=_("Relevance"), required=False, choices=_choices(_("All"), InterestedParty.Relevance.choices)
    )
    obligation = forms.ChoiceField(
        label=_("Compliance obligation"),
        required=False,
        choices=[("", _("All")), ("yes", _("Becomes an obligation")), ("no", _("No obligation"))],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        obligation = {"yes": True, "no": False}.get(data["obligation"])
        return {"category": data["category"] or None, "relevance": data["relevance"] or None, "obligation": obligation}


class ScanFilterForm(Form):
    """The filters above the scan items: active ones unless another status is chosen."""

    ALL = "all"

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[*ScanItem.Status.choices, (ALL, _("All statuses"))]
    )
    category = forms.ChoiceField(
        label=_("PESTLE category"), required=False, choices=_choices(_("All categories"), ScanItem.Category.choices)
    )
    time_horizon = forms.ChoiceField(
        label=_("Time horizon"), required=False, choices=_choices(_("All time horizons"), ScanItem.Horizon.choices)
    )
    trend = forms.ChoiceField(label=_("Trend"), required=False, choices=_choices(_("All"), ScanItem.Trend.choices))
    impact = forms.ChoiceField(
        label=_("Expected impact"), required=False, choices=_choices(_("All"), ScanItem.Impact.choices)
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        status = data["status"] or ScanItem.Status.ACTIVE
        return {
            "status": None if status == self.ALL else status,
            **{name: data[name] or None for name in ("category", "time_horizon", "trend", "impact")},
        }
