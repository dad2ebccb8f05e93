from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.indicators.models import Indicator
from hallbar.plans.models import Goal, Plan, Target
from hallbar.web.forms import Form, ModelForm, setup_unit_field

from .models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from .rules import Status

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTIPLE_HELP = _("Hold Ctrl (Cmd on a Mac) to choose several.")


def members_of(organisation):
    """People who may be contact persons: active users with an active membership in the organisation."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation=organisation, memberships__is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )


def grouped(objects, group_of, label_of=str) -> list:
    groups: dict[object, tuple[str, list]] = {}
    for obj in objects:
        key = group_of(obj)
        groups.setdefault(key.pk, (str(key), []))[1].append((obj.pk, label_of(obj)))
    return list(groups.values())


class ActionPlanForm(ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "plan", "valid_from_year", "valid_to_year", "responsible_unit", "description"]

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation).order_by("title")
        self.fields["plan"].empty_label = _("– no plan –")
        setup_unit_field(self.fields["responsible_unit"], units)


class ActionForm(ModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "action_plan",
            "description",
            "responsible_unit",
            "contact_person",
            "status",
            "start_date",
            "end_date",
            "budget_sek",
            "outcome_sek",
            "goals",
            "targets",
            "indicators",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        fields = self.fields
        fields["action_plan"].queryset = ActionPlan.objects.filter(organisation=organisation)
        fields["action_plan"].empty_label = _("– no action plan –")
        fields["contact_person"].queryset = members_of(organisation)
        fields["contact_person"].empty_label = _("– nobody yet –")
        fields["contact_person"].label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"
        fields["status"].help_text = _("Usually changed with a progress update on the action's page.")
        setup_unit_field(self.fields["responsible_unit"], units)
        goals = Goal.objects.filter(plan__organisation=organisation).select_related("plan").order_by("plan", "order")
        targets = (
            Target.objects.filter(goal__plan__organisation=organisation)
            .select_related("goal__plan")
            .order_by("goal__plan", "goal__order", "goal", "order")
        )
        indicators = Indicator.objects.filter(organisation=organisation).order_by("title")
        choices = {
            "goals": (goals, grouped(goals, lambda goal: goal.plan)),
            "targets": (targets, grouped(targets, lambda target: target.goal.plan, lambda t: f"{t.goal} › {t}")),
            "indicators": (indicators, None),
        }
        for name, (queryset, grouped_choices) in choices.items():
            field = fields[name]
            field.queryset = queryset
            if grouped_choices is not None:
                field.widget.choices = grouped_choices
            field.widget.attrs["size"] = 8
            field.help_text = MULTIPLE_HELP


class ProgressUpdateForm(ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["text", "status", "percent_complete", "date"]
        widgets = {"date": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, action, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.action = action
        self.instance.author = author
        self.fields["status"].initial = action.status
        self.fields["percent_complete"].widget.attrs.update(min=0, max=100)
        self.fields["date"].required = False  # today when left empty
        self.fields["date"].help_text = _("The day the update describes; today unless you are catching up.")

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of a progress update cannot be in the future."))
        return value


class FollowUpSettingsForm(ModelForm):
    class Meta:
        model = FollowUpSettings
        fields = ["stale_after_days", "stale_reminder_interval_days", "remind_days_before_deadline"]


class ActionFilterForm(Form):
    """The filters above the action list (GET; every field optional, bad values are ignored)."""

    NO_PLAN = "none"

    status = forms.ChoiceField(label=_("Status"), required=False)
    action_plan = forms.ChoiceField(label=_("Action plan"), required=False)
    stale = forms.BooleanField(label=_("Only stale actions"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue actions"), required=False)

    def __init__(self, *args, action_plans, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.action_plans = {str(plan.pk): plan for plan in action_plans}
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]
        self.fields["action_plan"].choices = [
            ("", _("All action plans")),
            (self.NO_PLAN, _("Without an action plan")),
            *[(pk, plan.title) for pk, plan in self.action_plans.items()],
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        chosen = data.get("action_plan")
        return {
            "status": data.get("status") or None,
            "action_plan": self.action_plans.get(chosen),
            "without_action_plan": chosen == self.NO_PLAN,
            "stale": data.get("stale", False),
            "overdue": data.get("overdue", False),
        }
