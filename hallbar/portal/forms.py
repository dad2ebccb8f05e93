from django import forms

from hallbar.web.forms import ModelForm

from .models import PortalSettings


class PortalSettingsForm(ModelForm):
    class Meta:
        model = PortalSettings
        fields = [
            "is_enabled",
            "licence",
            "contact_email",
            "compliance",
            "non_accessible_content",
            "report_problem",
            "enforcement",
            "assessment_method",
            "assessed_on",
            "statement_updated_on",
        ]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "statement_updated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "non_accessible_content": forms.Textarea(attrs={"rows": 4}),
            "report_problem": forms.Textarea(attrs={"rows": 3}),
            "enforcement": forms.Textarea(attrs={"rows": 3}),
            "assessment_method": forms.Textarea(attrs={"rows": 3}),
        }
