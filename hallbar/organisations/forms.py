from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.web.forms import Form, ModelForm

from .models import County, Municipality, Organisation, OrganisationUnit
from .validators import normalise_org_number


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "official_code", "org_number"]


class UnitForm(ModelForm):
    class Meta:
        model = OrganisationUnit
        fields = ["name", "kind", "parent", "code", "org_number", "is_active"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        parents = OrganisationUnit.objects.filter(organisation=organisation)
        if self.instance.pk:
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("– top level of the organisation –")
        self.fields["parent"].label_from_instance = lambda unit: f"{'— ' * unit.depth}{unit.name}"


class NewOrganisationForm(Form):
    """Set up a municipality, region or county administrative board from the reference lists."""

    KINDS = [
        (Organisation.Kind.MUNICIPALITY, Organisation.Kind.MUNICIPALITY.label),
        (Organisation.Kind.REGION, Organisation.Kind.REGION.label),
        (Organisation.Kind.COUNTY_BOARD, Organisation.Kind.COUNTY_BOARD.label),
    ]
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=KINDS, widget=forms.RadioSelect)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.select_related("county").filter(organisations__isnull=True),
        help_text=_("For a municipality: all 290 Swedish municipalities; those already set up are not listed."),
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        required=False,
        queryset=County.objects.all(),
        help_text=_("For a region or a county administrative board."),
    )
    org_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=11,
        help_text=_("Ten digits, for example 212000-0142."),
    )
    administrator_email = forms.EmailField(
        label=_("First administrator's e-mail"),
        help_text=_("This person gets an invitation to log in and set up the organisation."),
    )

    def clean_org_number(self):
        value = self.cleaned_data["org_number"]
        return normalise_org_number(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Organisation.Kind.MUNICIPALITY and not cleaned.get("municipality"):
            self.add_error("municipality", _("Choose the municipality."))
        elif kind in (Organisation.Kind.REGION, Organisation.Kind.COUNTY_BOARD) and not cleaned.get("county"):
            self.add_error("county", _("Choose the county."))
        return cleaned
