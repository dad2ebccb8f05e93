from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.core.i18n import localized
from hallbar.frameworks.models import FrameworkItem, Library
from hallbar.indicators.models import Indicator
from hallbar.web.forms import ModelForm, setup_unit_field

from .models import FocusArea, Goal, Plan, Target

LINKABLE_KINDS = (Library.Kind.GOALS, Library.Kind.OBJECTIVES, Library.Kind.STANDARD)


def linkable_items():
    """Framework items a local goal or target can serve: goals, objectives and standards (not indicators)."""
    return (
        FrameworkItem.objects.filter(library__kind__in=LINKABLE_KINDS, is_deprecated=False)
        .exclude(level="indicator")
        .select_related("library")
        .order_by("library__kind", "library__name_en", "order")
    )


def grouped_choices(items) -> list:
    groups: dict[int, tuple[str, list]] = {}
    for item in items:
        label = f"{'— ' * item.depth}{item}"
        groups.setdefault(item.library_id, (localized(item.library, "name"), []))[1].append((item.pk, label))
    return list(groups.values())


class FrameworkItemsMixin:
    """``framework_items`` as a plain multiple select with one option group per library."""

    def setup_framework_items(self):
        field = self.fields["framework_items"]
        items = linkable_items()
        field.queryset = items
        field.widget.choices = grouped_choices(items)
        field.widget.attrs["size"] = 12
        field.help_text = _(
            "The SDG targets, environmental objectives and standard requirements this serves. "
            "Hold Ctrl (Cmd on a Mac) to choose several."
        )


class PlanForm(ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "kind",
            "status",
            "description",
            "adopted_by",
            "adopted_on",
            "valid_from_year",
            "valid_to_year",
            "responsible_unit",
        ]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["responsible_unit"], units)


class FocusAreaForm(ModelForm):
    class Meta:
        model = FocusArea
        fields = ["title", "description", "order"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan


class GoalForm(FrameworkItemsMixin, ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "focus_area", "description", "responsible_unit", "order", "framework_items"]

    def __init__(self, *args, plan, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["focus_area"].queryset = FocusArea.objects.filter(plan=plan).order_by("order", "pk")
        self.fields["focus_area"].empty_label = _("– no focus area –")
        setup_unit_field(self.fields["responsible_unit"], units)
        self.setup_framework_items()


class TargetForm(FrameworkItemsMixin, ModelForm):
    class Meta:
        model = Target
        fields = [
            "title",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "indicator",
            "order",
            "framework_items",
        ]

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.goal = goal
        indicator = self.fields["indicator"]
        indicator.queryset = Indicator.objects.filter(organisation_id=goal.plan.organisation_id).order_by("title")
        indicator.empty_label = _("– no indicator yet –")
        self.setup_framework_items()
