from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.actions.models import Action, ActionPlan
from hallbar.plans.forms import FrameworkItemsMixin
from hallbar.plans.models import Goal
from hallbar.web.forms import Form, ModelForm, setup_unit_field

from . import queries
from .models import Example

# What an example tells in its own words and figures: the form's and the API's editable text fields.
DESCRIPTION_FIELDS = [
    "title",
    "what_was_done",
    "cost_sek",
    "result_value",
    "result_unit",
    "result_text",
    "contact_name",
    "contact_email",
]


class ExampleForm(FrameworkItemsMixin, ModelForm):
    class Meta:
        model = Example
        fields = [*DESCRIPTION_FIELDS, "themes", "goals", "framework_items"]
        widgets = {"themes": forms.CheckboxSelectMultiple}
        help_texts = {
            "contact_email": _("Shown to the signed-in users of all organisations, never on public pages."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["themes"].queryset = queries.theme_choices()
        self.fields["goals"].queryset = Goal.objects.filter(plan__organisation=organisation).order_by("title")
        self.fields["goals"].help_text = _("Your own goals this served; other organisations see their titles.")
        self.setup_framework_items()


class ShareForm(ExampleForm):
    """Sharing names the action; the page is opened from an action or with one chosen here."""

    action = forms.ModelChoiceField(label=_("Action to share"), queryset=Action.objects.none())

    class Meta(ExampleForm.Meta):
        fields = ["action", *ExampleForm.Meta.fields]

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions


class LibraryFilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("– all –"))
    framework_item = forms.ModelChoiceField(
        label=_("SDG target or framework item"), queryset=None, required=False, empty_label=_("– all –")
    )
    skr_group = forms.ChoiceField(label=_("Municipality group (SKR)"), required=False)
    county = forms.ModelChoiceField(label=_("County"), queryset=None, required=False, empty_label=_("– all –"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = queries.theme_choices()
        self.fields["framework_item"].queryset = queries.framework_item_choices()
        self.fields["skr_group"].choices = [("", _("– all –")), *queries.skr_group_choices()]
        self.fields["county"].queryset = queries.county_choices()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"].strip(),
            "theme": data["theme"],
            "framework_item": data["framework_item"],
            "skr_group": data["skr_group"],
            "county": data["county"],
        }


class CopyForm(Form):
    title = forms.CharField(label=_("Title of the new action"), max_length=300)
    action_plan = forms.ModelChoiceField(label=_("Action plan"), queryset=ActionPlan.objects.none(), required=False)
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=ActionPlan.objects.none(), required=False
    )

    def __init__(self, *args, action_plans, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_plan"].queryset = action_plans
        self.fields["action_plan"].empty_label = _("– no action plan –")
        setup_unit_field(self.fields["responsible_unit"], units)


class AttachmentForm(Form):
    file = forms.FileField(label=_("File"))
