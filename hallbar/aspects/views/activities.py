"""Activities, products and services: list, page with their aspects, create, edit, guarded delete."""

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
    ScopedObjectMixin,
    may_create,
)

from .. import queries, services
from ..exports import ACTIVITY_COLUMNS
from ..forms import ActivityFilterForm, ActivityForm
from ..models import Activity, Aspect
from .common import UnitFiltersMixin, UnitFormMixin


class ActivityListView(ExportMixin, UnitFiltersMixin, OrganisationRequiredMixin, ListView):
    template_name = "aspects/activity_list.html"
    context_object_name = "activities"
    export_filename = "activities"
    export_title = gettext_lazy("Activities, products and services")
    export_columns = ACTIVITY_COLUMNS

    filter_form_class = ActivityFilterForm

    def get_queryset(self):
        return queries.activity_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=may_create(self), **kwargs)


class ActivityDetailView(ScopedObjectMixin, DetailView):
    model = Activity
    template_name = "aspects/activity_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("unit")

    def get_context_data(self, **kwargs):
        aspects = queries.listed(Aspect.objects.filter(activity=self.object))
        return super().get_context_data(
            aspects=queries.assess(aspects),
            can_change=self.scope.has(Permission.CHANGE, self.object),
            **kwargs,
        )


class ActivityFormMixin(UnitFormMixin):
    model = Activity
    form_class = ActivityForm

    def save(self, form):
        return services.save_activity(form.instance)


class ActivityCreateView(ActivityFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New activity, product or service")
    cancel_url = reverse_lazy("aspects:activity-list")


class ActivityUpdateView(EditPageMixin, ActivityFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ActivityDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Activity
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("aspects:activity-list")
