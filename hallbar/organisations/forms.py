from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.web.forms import Form, ModelForm

from .models import Municipality, Organisation, OrganisationUnit


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


class MunicipalityOrganisationForm(Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.select_related("county").filter(organisations__isnull=True),
        help_text=_("All 290 Swedish municipalities; those already set up are not listed."),
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
        from .validators import normalise_org_number

        value = self.cleaned_data["org_number"]
        return normalise_org_number(value) if value else ""
