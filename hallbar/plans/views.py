"""Plans, focus areas, goals and targets: thin views on the scoped mixins."""

from django.urls import reverse, reverse_lazy
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.web.mixins import (
    ChangeCheckMixin,
    ChildCreateMixin,
    EditPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    units_for,
)

from .forms import FocusAreaForm, GoalForm, PlanForm, TargetForm
from .models import FocusArea, Goal, Plan, Target
from .queries import framework_items_of, goal_page, goals_serving, plan_tree


def local_goals_section(request, item) -> dict | None:
    """The framework item page's "Local goals serving this" section (registered in apps.py)."""
    if not getattr(request, "organisation", None):
        return None
    return {"template": "plans/includes/item_goals.html", **goals_serving(item, request.scope)}


class PlanListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    export_filename = "plans"
    export_title = gettext_lazy("Plans")
    export_columns = [
        ExportColumn(gettext_lazy("title"), "title", width=40),
        ExportColumn(gettext_lazy("kind"), "get_kind_display", width=24),
        ExportColumn(gettext_lazy("valid from (year)"), "valid_from_year", "number", 12),
        ExportColumn(gettext_lazy("valid to (year)"), "valid_to_year", "number", 12),
        ExportColumn(gettext_lazy("status"), "get_status_display", width=14),
        ExportColumn(gettext_lazy("adopted by"), "adopted_by", width=24),
        ExportColumn(gettext_lazy("adopted on"), "adopted_on", "date", 12),
        ExportColumn(
            gettext_lazy("responsible unit"),
            lambda plan: (
                plan.responsible_unit.name if plan.responsible_unit else gettext_lazy("The whole organisation")
            ),
            width=30,
        ),
    ]

    def get_queryset(self):
        return self.scope.in_focus(self.scope.filter(Plan.objects.select_related("responsible_unit")))

    def get_context_data(self, **kwargs):
        can_create = self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk)
        return super().get_context_data(can_create=can_create, **kwargs)


class PlanDetailView(ScopedObjectMixin, DetailView):
    model = Plan
    template_name = "plans/plan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("responsible_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = plan_tree(self.object)
        goals = [goal for area in tree["focus_areas"] for goal in area["goals"]] + tree["unplaced_goals"]
        for goal in goals:
            goal.can_change = self.scope.has(Permission.CHANGE, goal)
        for area in tree["focus_areas"]:
            area["focus_area"].plan = self.object
        context["tree"] = tree
        context["can_change"] = self.scope.has(Permission.CHANGE, self.object)
        return context


# Plans ----------------------------------------------------------------------------------------------


class PlanFormMixin(ResponsibleUnitFormMixin):
    model = Plan
    form_class = PlanForm


class PlanCreateView(PlanFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New plan")
    cancel_url = reverse_lazy("plans:list")


class PlanUpdateView(EditPageMixin, PlanFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class PlanDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Plan
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("plans:list")


# Focus areas ----------------------------------------------------------------------------------------


class FocusAreaCreateView(ChildCreateMixin, CreateView):
    model = Plan  # the parent named in the URL
    form_class = FocusAreaForm
    page_title = gettext_lazy("New focus area")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.parent}


class FocusAreaUpdateView(EditPageMixin, ChangeCheckMixin, ScopedObjectMixin, UpdateView):
    model = FocusArea
    form_class = FocusAreaForm
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.object.plan}


class FocusAreaDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = FocusArea
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return self.object.plan.get_absolute_url()


# Goals ----------------------------------------------------------------------------------------------


class GoalDetailView(ScopedObjectMixin, DetailView):
    model = Goal
    template_name = "plans/goal_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("plan", "focus_area", "responsible_unit")

    def get_context_data(self, **kwargs):
        # Read and computed only when the page's cached fragments are not there (see the template).
        page = SimpleLazyObject(lambda: {**goal_page(self.object), "items": framework_items_of(self.object)})
        return super().get_context_data(page=page, can_change=self.scope.has(Permission.CHANGE, self.object), **kwargs)


class GoalCreateView(ChildCreateMixin, CreateView):
    model = Plan  # the parent named in the URL
    form_class = GoalForm
    page_title = gettext_lazy("New goal")

    def get_initial(self):
        area = self.request.GET.get("focus_area")
        return {"focus_area": area} if area and area.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.parent, "units": units_for(self)}


class GoalUpdateView(EditPageMixin, ChangeCheckMixin, ScopedObjectMixin, UpdateView):
    model = Goal
    form_class = GoalForm
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        units = units_for(self, self.object.responsible_unit)
        return {**super().get_form_kwargs(), "plan": self.object.plan, "units": units}


class GoalDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Goal
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return reverse("plans:detail", args=[self.object.plan_id])


# Targets --------------------------------------------------------------------------------------------


class TargetCreateView(ChildCreateMixin, CreateView):
    model = Goal  # the parent named in the URL
    form_class = TargetForm
    page_title = gettext_lazy("New target")
    unit_field = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.parent}


class TargetUpdateView(EditPageMixin, ChangeCheckMixin, ScopedObjectMixin, UpdateView):
    model = Target
    form_class = TargetForm
    object_permission = Permission.CHANGE
    unit_field = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.object.goal}


class TargetDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Target
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return reverse("plans:detail", args=[self.object.goal.plan_id])
