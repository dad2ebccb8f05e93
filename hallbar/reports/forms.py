from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.plans.models import Plan
from hallbar.web.forms import ModelForm

from .models import Report
from .sections import SECTIONS


class ReportForm(ModelForm):
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        choices=list(SECTIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Procurement and audit results hold internal data and cannot be in a public report."),
    )
    logo_file = forms.FileField(
        label=_("Logo"), required=False, help_text=_("A PNG or JPEG image, shown at the top of the report.")
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Report
        fields = ["title", "kind", "audience", "plan", "year", "tertial", "sections"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation).order_by(
            "-valid_from_year", "title"
        )
        if not self.instance.logo:
            del self.fields["remove_logo"]
