"""Actions: the filtered list, "my actions", the action page, create, edit, guarded delete."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    EditPageMixin,
    FilteredListMixin,
    GuardedDeleteMixin,
    MayCreateMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    may_create,
)

from .. import queries, services
from ..exports import ACTION_COLUMNS
from ..forms import ActionFilterForm, ActionForm, ProgressUpdateForm
from ..models import Action, ActionPlan
from ..panels import panels_for
from ..rules import is_open

PAGE_SIZE = 50


class ActionListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "actions/action_list.html"
    context_object_name = "actions"
    paginate_by = PAGE_SIZE
    export_filename = "actions"
    export_title = gettext_lazy("Actions")
    export_columns = ACTION_COLUMNS
    filter_form_class = ActionFilterForm

    def get_filter_form_kwargs(self):
        return {"action_plans": self.scope.filter(ActionPlan.objects.all()).only("title")}

    def get_queryset(self):
        return queries.action_list(self.scope, **self.filters())

    def get_export_rows(self):
        """Every action the filters select (all pages), flagged overdue and stale as on the page."""
        return queries.flag(self.get_queryset(), queries.follow_up_settings(self.organisation))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = queries.follow_up_settings(self.organisation)
        context["actions"] = context["object_list"] = queries.flag(context["object_list"], settings)
        context.update(
            settings=settings,
            can_create=may_create(self),
            can_manage_follow_up=self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk),
        )
        return context


class MyActionsView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "actions/my_actions.html"
    export_filename = "my-actions"
    export_title = gettext_lazy("My actions")
    export_columns = ACTION_COLUMNS

    def get_export_rows(self):
        return queries.my_actions(self.scope)

    def get_context_data(self, **kwargs):
        actions = queries.my_actions(self.scope)
        return super().get_context_data(
            open_actions=[action for action in actions if is_open(action.status)],
            closed_actions=[action for action in actions if not is_open(action.status)],
            settings=queries.follow_up_settings(self.organisation),
            **kwargs,
        )


class ActionDetailView(ScopedObjectMixin, DetailView):
    model = Action
    template_name = "actions/action_detail.html"

    def get_queryset(self):
        return queries.listed(super().get_queryset()).prefetch_related("goals__plan", "targets__goal", "indicators")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = queries.follow_up_settings(self.object.organisation)
        queries.flag([self.object], settings)
        can_post = services.can_post_progress(self.scope, self.object)
        context.update(
            settings=settings,
            updates=queries.timeline(self.object),
            can_change=self.scope.has(Permission.CHANGE, self.object),
            can_post=can_post,
            progress_form=ProgressUpdateForm(action=self.object, author=self.request.user) if can_post else None,
            panels=panels_for(self.request, self.object),
        )
        return context


class ActionFormMixin(ResponsibleUnitFormMixin):
    model = Action
    form_class = ActionForm

    def save(self, form):
        links = {name: form.cleaned_data[name] for name in ("goals", "targets", "indicators")}
        return services.save_action(form.instance, **links)


class ActionCreateView(ActionFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New action")
    cancel_url = reverse_lazy("actions:list")

    def get_initial(self):
        """``?action_plan=<id>`` and ``?goal=<id>`` preselect (only the organisation's own)."""
        initial = {}
        plan = self.request.GET.get("action_plan", "")
        if plan.isdigit():
            action_plan = self.scope.filter(ActionPlan.objects.filter(pk=int(plan))).first()
            if action_plan is not None:
                initial["action_plan"] = action_plan.pk
                initial["responsible_unit"] = action_plan.responsible_unit_id
        goal = self.request.GET.get("goal", "")
        if goal.isdigit():
            initial["goals"] = [int(goal)]
        return initial


class ActionUpdateView(EditPageMixin, ActionFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ActionDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Action
    object_permission = Permission.CHANGE
    template_name = "actions/action_confirm_delete.html"
    success_url = reverse_lazy("actions:list")
