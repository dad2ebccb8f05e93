"""Action plans: list, detail with their actions, create, edit, guarded delete."""

from django.db.models import Count, Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    EditPageMixin,
    GuardedDeleteMixin,
    MayCreateMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    may_create,
)

from .. import queries, services
from ..exports import ACTION_PLAN_COLUMNS
from ..forms import ActionPlanForm
from ..models import Action, ActionPlan
from ..rules import OPEN_STATUSES


class ActionPlanListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "actions/actionplan_list.html"
    context_object_name = "action_plans"
    export_filename = "action-plans"
    export_title = gettext_lazy("Action plans")
    export_columns = ACTION_PLAN_COLUMNS

    def get_queryset(self):
        plans = self.scope.in_focus(self.scope.filter(ActionPlan.objects.all()))
        return plans.select_related("responsible_unit", "plan").annotate(
            action_count=Count("actions"), open_count=Count("actions", filter=Q(actions__status__in=OPEN_STATUSES))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=may_create(self), **kwargs)


class ActionPlanDetailView(ScopedObjectMixin, DetailView):
    model = ActionPlan
    template_name = "actions/actionplan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("responsible_unit", "plan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = queries.follow_up_settings(self.object.organisation)
        actions = queries.flag(queries.listed(Action.objects.filter(action_plan=self.object)), settings)
        context.update(
            actions=actions,
            settings=settings,
            can_change=self.scope.has(Permission.CHANGE, self.object),
            can_add_action=may_create(self),
        )
        return context


class ActionPlanFormMixin(ResponsibleUnitFormMixin):
    model = ActionPlan
    form_class = ActionPlanForm

    def save(self, form):
        return services.save_action_plan(form.instance)


class ActionPlanCreateView(ActionPlanFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New action plan")
    cancel_url = reverse_lazy("actions:plan-list")


class ActionPlanUpdateView(EditPageMixin, ActionPlanFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ActionPlanDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = ActionPlan
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("actions:plan-list")
