"""The filtered list (with export) and the page of one nonconformity."""

from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import FilteredListMixin, OrganisationRequiredMixin, ScopedObjectMixin, organisation_units

from .. import permissions, queries, workflow
from ..exports import NONCONFORMITY_COLUMNS
from ..forms import NonconformityFilterForm, TransitionForm
from ..models import Nonconformity

PAGE_SIZE = 50


class NonconformityListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "nonconformities/nonconformity_list.html"
    context_object_name = "nonconformities"
    paginate_by = PAGE_SIZE
    export_filename = "nonconformities"
    export_title = gettext_lazy("Nonconformities")
    export_columns = NONCONFORMITY_COLUMNS
    filter_form_class = NonconformityFilterForm

    def get_filter_form_kwargs(self):
        return {"units": organisation_units(self, active_only=True)}

    def get_queryset(self):
        return queries.nonconformity_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=permissions.may_register(self.scope, self.organisation), **kwargs)


class NonconformityDetailView(ScopedObjectMixin, DetailView):
    model = Nonconformity
    template_name = "nonconformities/nonconformity_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("responsible_unit", "owner", "reported_by", "effectiveness_verified_by", "source_type")
        )

    def get_context_data(self, **kwargs):
        nonconformity = self.object
        can_change = self.scope.has(Permission.CHANGE, nonconformity)
        transitions = [
            {"transition": transition, "form": TransitionForm(transition=transition)}
            for transition in workflow.transitions_from(nonconformity.stage)
            if workflow.may(self.scope, nonconformity, transition)
        ]
        return super().get_context_data(
            **queries.detail(nonconformity, self.scope),
            stages=workflow.progress(nonconformity),
            transitions=transitions,
            can_change=can_change and not nonconformity.is_closed,
            can_add_action=permissions.may_add_action(self.scope, nonconformity),
            can_delete=can_change,
            **kwargs,
        )
