"""Assessments: the filtered list, the result page, create, edit and delete (drafts only)."""

from functools import cached_property

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

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
    organisation_units,
    units_for,
)

from .. import queries, services
from ..charts import radar_charts
from ..exports import columns_for
from ..forms import AssessmentFilterForm, AssessmentForm
from ..matrix import load_matrix
from ..models import Assessment
from .mixins import AssessmentChangeMixin, DraftRequiredMixin

PAGE_SIZE = 50


class AssessmentListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "maturity/assessment_list.html"
    context_object_name = "assessments"
    paginate_by = PAGE_SIZE
    export_filename = "maturity-assessments"
    export_title = gettext_lazy("Maturity assessments")
    filter_form_class = AssessmentFilterForm

    @cached_property
    def matrix(self):
        return load_matrix()

    def get_filter_form_kwargs(self):
        return {"years": queries.years(self.scope), "units": organisation_units(self)}

    def get_queryset(self):
        return queries.assessment_list(self.scope, **self.filters())

    def get_export_columns(self):
        return columns_for(self.matrix)

    def get_export_rows(self):
        return queries.scored(self.get_queryset(), self.matrix)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assessments"] = context["object_list"] = queries.scored(context["object_list"], self.matrix)
        context.update(can_create=may_create(self), matrix=self.matrix)
        return context


class AssessmentDetailView(ScopedObjectMixin, DetailView):
    """The result: the stage of each question, the change since the previous assessment, the radar
    charts over the years and the suggested next steps."""

    model = Assessment
    template_name = "maturity/assessment_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "unit", "assessed_by")

    def get_context_data(self, **kwargs):
        result = queries.result(self.object)
        can_change = self.scope.has(Permission.CHANGE, self.object)
        return super().get_context_data(
            result=result,
            parts=list(zip(result.parts, radar_charts(result), strict=True)),
            can_change=can_change,
            transitions=services.allowed_transitions(self.object) if can_change else [],
            **kwargs,
        )


class AssessmentFormMixin(ResponsibleUnitFormMixin):
    model = Assessment
    form_class = AssessmentForm
    unit_field = "unit"

    def get_form_kwargs(self):
        current = getattr(getattr(self, "object", None), "unit", None)
        return {**super().get_form_kwargs(), "units": units_for(self, current)}

    def save(self, form):
        return services.save_assessment(form.instance)


class AssessmentCreateView(AssessmentFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New maturity assessment")
    page_intro = gettext_lazy(
        "Assess the whole organisation or one unit, once a year. After saving you answer the questionnaire."
    )
    cancel_url = reverse_lazy("maturity:list")

    def get_success_url(self) -> str:
        return reverse("maturity:answers", args=[self.object.pk])


class AssessmentUpdateView(DraftRequiredMixin, EditPageMixin, AssessmentFormMixin, AssessmentChangeMixin, UpdateView):
    pass


class AssessmentDeleteView(DraftRequiredMixin, GuardedDeleteMixin, AssessmentChangeMixin, DeleteView):
    guard = staticmethod(services.require_deletable)
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("maturity:list")
