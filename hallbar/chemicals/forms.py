from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET
from hallbar.actions.models import Action
from hallbar.web.forms import Form, ModelForm, setup_unit_field

from .models import PhaseOutSubstance, SubstanceList


class SearchFilterForm(Form):
    """A text search above a list (GET; empty: everything)."""

    q = forms.CharField(label=_("Name, CAS or EC number"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def search(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class CandidateListFilterForm(SearchFilterForm):
    version = forms.ModelChoiceField(label=_("Version"), queryset=SubstanceList.objects.all(), required=False)
    matchable = forms.BooleanField(label=_("Only entries with a CAS or EC number"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].empty_label = _("The current version")


class ScreeningFilterForm(Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    flagged = forms.BooleanField(label=_("Only screenings with matches"), required=False)

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("All units")


class ArticleFilterForm(SearchFilterForm):
    flagged = forms.BooleanField(label=_("Only articles with matches"), required=False)


class PhaseOutSubstanceForm(ModelForm):
    class Meta:
        model = PhaseOutSubstance
        fields = ["name", "cas_number", "ec_number", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}


class CandidateListUploadForm(Form):
    file = forms.FileField(
        label=_("ECHA export"), help_text=_("CSV or XLSX as exported from ECHA's Candidate List table.")
    )
    version = forms.CharField(
        label=_("Version"), max_length=50, help_text=_("For example the export date, 2026-01-21.")
    )
    dated = forms.DateField(label=_("Dated"), widget=DATE_WIDGET, help_text=_("The date of the export."))
    total_entries = forms.IntegerField(
        label=_("Entries in the full list"),
        min_value=1,
        required=False,
        help_text=_("How many entries ECHA shows for the whole list, if the export is partial."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        initial="European Chemicals Agency (ECHA), https://echa.europa.eu/candidate-list-table",
    )


class PhaseOutActionForm(ModelForm):
    """A phase-out plan item: the action that phases out a flagged article's substances."""

    class Meta:
        model = Action
        fields = ["title", "responsible_unit", "start_date", "end_date", "description"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["responsible_unit"], units)
