"""Plans, focus areas, goals and targets: thin views on the scoped mixins."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.mixins import (
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
    ScopedQuerysetMixin,
)

from .forms import FocusAreaForm, GoalForm, PlanForm, TargetForm
from .models import FocusArea, Goal, Plan, Target
from .queries import goals_serving, plan_tree


def local_goals_section(request, item) -> dict | None:
    """The framework item page's "Local goals serving this" section (registered in apps.py)."""
    if not getattr(request, "organisation", None):
        return None
    return {"template": "plans/includes/item_goals.html", **goals_serving(item, request.scope)}


class PlanListView(OrganisationRequiredMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

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


class ChangeCheckMixin:
    """After validation: the object as it would be saved must lie within the units the user may change."""

    unit_field = "responsible_unit"

    def form_valid(self, form):
        if not self.scope.has(Permission.CHANGE, form.instance):
            field = self.unit_field if self.unit_field in form.fields else NON_FIELD_ERRORS
            form.add_error(
                None if field == NON_FIELD_ERRORS else field,
                _("You may only make it the responsibility of a unit you work in."),
            )
            return self.form_invalid(form)
        response = super().form_valid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return response


class ChildCreateMixin(ChangeCheckMixin, FormPageMixin, ScopedQuerysetMixin):
    """A create page under a parent named by ``pk`` in the URL; ``model`` is that parent's model.

    The parent is found through the scope (another organisation's is 404) and the user must be
    allowed to change it (unit-aware).
    """

    def check_permission(self) -> None:
        super().check_permission()
        self.parent = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.scope.require(Permission.CHANGE, self.parent)

    def get_cancel_url(self) -> str:
        return self.parent.get_absolute_url()


def units_for(view, current=None):
    """Units the user may make responsible: those they may change, plus the current one."""
    condition = Q(pk__in=view.scope.changeable_units(view.organisation.pk).values("pk"))
    if current is not None:
        condition |= Q(pk=current.pk)
    return OrganisationUnit.objects.filter(condition).order_by("path")


# Plans ----------------------------------------------------------------------------------------------


class PlanFormMixin(ChangeCheckMixin, FormPageMixin):
    model = Plan
    form_class = PlanForm

    def get_form_kwargs(self):
        current = getattr(getattr(self, "object", None), "responsible_unit", None)
        return {**super().get_form_kwargs(), "organisation": self.organisation, "units": units_for(self, current)}


class PlanCreateView(PlanFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New plan")
    cancel_url = reverse_lazy("plans:list")


class PlanUpdateView(PlanFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


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


class FocusAreaUpdateView(ChangeCheckMixin, FormPageMixin, ScopedObjectMixin, UpdateView):
    model = FocusArea
    form_class = FocusAreaForm
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.object.plan}

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


class FocusAreaDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = FocusArea
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return self.object.plan.get_absolute_url()


# Goals ----------------------------------------------------------------------------------------------


class GoalCreateView(ChildCreateMixin, CreateView):
    model = Plan  # the parent named in the URL
    form_class = GoalForm
    page_title = gettext_lazy("New goal")

    def get_initial(self):
        area = self.request.GET.get("focus_area")
        return {"focus_area": area} if area and area.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.parent, "units": units_for(self)}


class GoalUpdateView(ChangeCheckMixin, FormPageMixin, ScopedObjectMixin, UpdateView):
    model = Goal
    form_class = GoalForm
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        units = units_for(self, self.object.responsible_unit)
        return {**super().get_form_kwargs(), "plan": self.object.plan, "units": units}

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


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


class TargetUpdateView(ChangeCheckMixin, FormPageMixin, ScopedObjectMixin, UpdateView):
    model = Target
    form_class = TargetForm
    object_permission = Permission.CHANGE
    unit_field = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.object.goal}

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


class TargetDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Target
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return reverse("plans:detail", args=[self.object.goal.plan_id])
