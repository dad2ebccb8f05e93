import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .models import ContractCheck, ContractedSupplier, CpvCode, Criterion, Procurement

CPV_RE = re.compile(r"^(\d{8})(?:-\d)?$")


class CpvCodesField(forms.CharField):
    """CPV codes typed as 8 digits (the check digit "-1" may be included), separated by commas,
    spaces or new lines; cleans to the list of CpvCode objects."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):  # the initial value: the procurement's codes
            return ", ".join(code.code if isinstance(code, CpvCode) else str(code) for code in value)
        return value

    def clean(self, value):
        value = super().clean(value)
        tokens = [token for token in re.split(r"[\s,;]+", value or "") if token]
        malformed = [token for token in tokens if not CPV_RE.match(token)]
        if malformed:
            raise ValidationError(
                _("Write each CPV code as eight digits, for example 39162100: %(codes)s.")
                % {"codes": ", ".join(malformed)}
            )
        digits = list(dict.fromkeys(CPV_RE.match(token).group(1) for token in tokens))
        found = {code.code: code for code in CpvCode.objects.filter(code__in=digits)}
        unknown = [code for code in digits if code not in found]
        if unknown:
            raise ValidationError(_("Not CPV codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return [found[code] for code in digits]


class ProcurementForm(ModelForm):
    cpv_codes = CpvCodesField(
        label=_("CPV codes"),
        help_text=_("Eight digits each, separated by commas. Search the CPV list to find a code."),
    )

    class Meta:
        model = Procurement
        fields = [
            "title",
            "reference",
            "responsible_unit",
            "year",
            "procedure",
            "cpv_codes",
            "estimated_value_sek",
            "contracted_value_sek",
            "contract_start",
            "contract_end",
            "environmental_requirements",
            "social_requirements",
            "innovation",
            "criteria",
            "description",
        ]
        widgets = {
            "contract_start": DATE_WIDGET,
            "contract_end": DATE_WIDGET,
            "criteria": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["responsible_unit"], units)
        chosen = list(self.instance.criteria.values_list("pk", flat=True)) if self.instance.pk else []
        criteria = self.fields["criteria"]
        criteria.queryset = Criterion.objects.filter(in_library=True) | Criterion.objects.filter(pk__in=chosen)
        criteria.label_from_instance = lambda criterion: (
            f"{criterion.title} ({criterion.get_kind_display()}, {criterion.get_theme_display()}, "
            f"{criterion.get_level_display()})"
        )


class ProcurementFilterForm(Form):
    """The filters above the register (GET; every field optional, bad values are ignored)."""

    q = forms.CharField(label=_("Title or case number"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.ChoiceField(label=_("Buying unit"), required=False)
    requirement = forms.ChoiceField(label=_("Requirements"), required=False)
    cpv = forms.RegexField(label=_("CPV code"), regex=r"^\d{1,8}$", required=False)

    def __init__(self, *args, years, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]
        self.fields["status"].choices = [("", _("All statuses")), *Procurement.Status.choices]
        self.fields["unit"].choices = [
            ("", _("All units")),
            *[(pk, unit_label(unit)) for pk, unit in self.units.items()],
        ]
        self.fields["requirement"].choices = [
            ("", _("Any requirements")),
            ("environmental", _("With environmental requirements")),
            ("social", _("With social requirements")),
            ("innovation", _("Innovation procurements")),
            ("none", _("Without sustainability requirements")),
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"].strip(),
            "year": data["year"],
            "status": data["status"] or None,
            "unit": self.units.get(data["unit"]),
            "requirement": data["requirement"] or None,
            "cpv": data["cpv"] or "",
        }


class YearFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]

    def filters(self) -> dict:
        return {"year": self.cleaned_data["year"]} if self.is_valid() else {}


class CpvSearchForm(Form):
    q = forms.CharField(
        label=_("Code or words"),
        required=False,
        max_length=100,
        help_text=_("The beginning of a code (e.g. 3916) or words of its label, in Swedish or English."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        return {"text": self.cleaned_data["q"]} if self.is_valid() else {"text": ""}


class CriteriaFilterForm(Form):
    kind = forms.ChoiceField(label=_("Kind of requirement"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Criterion.Kind.choices]
        self.fields["theme"].choices = [("", _("All themes")), *Criterion.Theme.choices]
        self.fields["level"].choices = [("", _("All levels")), *Criterion.Level.choices]

    def filters(self) -> dict:
        return dict(self.cleaned_data) if self.is_valid() else {}


class ContractCheckForm(ModelForm):
    class Meta:
        model = ContractCheck
        fields = ["requirement", "criterion", "method", "due_date"]
        widgets = {"due_date": DATE_WIDGET}

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.procurement = procurement
        self.fields["criterion"].queryset = procurement.criteria.all()
        self.fields["criterion"].empty_label = _("– not from the library –")


class OutcomeForm(Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(value, label) for value, label in ContractCheck.Outcome.choices if value != "pending"],
        widget=forms.RadioSelect,
    )
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE_WIDGET)
    findings = forms.CharField(
        label=_("Findings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was found. A deviation raises a nonconformity with this text."),
    )


class SupplierForm(ModelForm):
    class Meta:
        model = ContractedSupplier
        fields = ["org_number", "name"]
        widgets = {"org_number": forms.TextInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.procurement = procurement


class NationalStatisticsUploadForm(Form):
    file = forms.FileField(
        label=_("Statistics file"),
        help_text=_(
            "CSV (UTF-8) exported from Upphandlingsmyndigheten's statistics database, one row per procurement, "
            "as uhm_2021_procurements.csv."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Upload the statistics as a CSV file."))
        return upload
