"""Screening: the overview per unit, the screenings, one screening's results, its phase-out plan and
the form that adds an action to it."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView, DetailView, FormView, ListView, TemplateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    ChangeCheckMixin,
    FilteredListMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
    may_create,
    organisation_units,
    units_for,
)

from .. import queries, services
from ..exports import ARTICLE_COLUMNS, SCREENING_COLUMNS
from ..forms import ArticleFilterForm, PhaseOutActionForm, ScreeningFilterForm
from ..imports import SPEC_KEY
from ..models import PhaseOutSubstance, Screening, ScreeningArticle


class IndexView(OrganisationRequiredMixin, TemplateView):
    template_name = "chemicals/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            completeness=queries.completeness(),
            overview=queries.unit_overview(self.scope),
            phase_out_count=self.scope.filter(PhaseOutSubstance.objects.all()).count(),
            may_import=may_create(self),
            import_spec=SPEC_KEY,
            **kwargs,
        )


class ScreeningListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "chemicals/screening_list.html"
    context_object_name = "screenings"
    paginate_by = 50
    export_filename = "chemical-screenings"
    export_title = gettext_lazy("Chemical screenings")
    export_columns = SCREENING_COLUMNS
    filter_form_class = ScreeningFilterForm

    def get_filter_form_kwargs(self):
        return {"units": organisation_units(self)}

    def get_queryset(self):
        screenings = queries.screenings(self.scope)
        if self.filter_form.is_valid():
            unit = self.filter_form.cleaned_data.get("unit")
            if unit is not None:
                screenings = screenings.filter(unit__path__startswith=unit.path)
            if self.filter_form.cleaned_data.get("flagged"):
                screenings = screenings.filter(flagged_count__gt=0)
        return screenings

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            may_import=may_create(self),
            import_spec=SPEC_KEY,
            **kwargs,
        )


class ScreeningDetailView(ExportMixin, FilteredListMixin, ScopedObjectMixin, DetailView):
    model = Screening
    template_name = "chemicals/screening_detail.html"
    export_title = gettext_lazy("Screening results")
    export_columns = ARTICLE_COLUMNS
    filter_form_class = ArticleFilterForm

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "candidate_list", "screened_by")

    def get_export_filename(self) -> str:
        return f"screening-{self.kwargs['pk']}"

    def articles(self):
        valid = self.filter_form.is_valid()
        flagged = valid and self.filter_form.cleaned_data.get("flagged")
        articles = queries.articles_of(self.screening, flagged_only=flagged)
        text = self.filter_form.search()
        if text:
            found = Q(name__icontains=text) | Q(cas_numbers__icontains=text) | Q(ec_numbers__icontains=text)
            articles = articles.filter(found)
        return articles

    def get_export_rows(self):
        self.screening = self.get_object()
        return self.articles()

    def get_context_data(self, **kwargs):
        self.screening = self.object
        return super().get_context_data(
            articles=self.articles(),
            completeness=queries.completeness(self.object.candidate_list),
            can_change=self.scope.has(Permission.CHANGE, self.object),
            **kwargs,
        )


class ScreeningDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Screening
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("chemicals:screening-list")
    delete_object = staticmethod(services.delete_screening)


class PhaseOutPlanView(ScopedObjectMixin, DetailView):
    model = Screening
    template_name = "chemicals/phase_out_plan.html"

    def get_queryset(self):
        return super().get_queryset().select_related("unit")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=queries.phase_out_plan(self.object),
            can_change=self.scope.has(Permission.CHANGE, self.object),
            **kwargs,
        )


class PhaseOutActionCreateView(ChangeCheckMixin, FormPageMixin, OrganisationRequiredMixin, FormView):
    """A phase-out plan item for a flagged article: an action with the article as its reason."""

    model = ScreeningArticle
    form_class = PhaseOutActionForm
    page_title = gettext_lazy("New phase-out action")

    def check_permission(self) -> None:
        super().check_permission()
        articles = self.scope.filter(ScreeningArticle.objects.select_related("screening", "screening__unit"))
        self.article = get_object_or_404(articles, pk=self.kwargs["pk"], is_flagged=True)
        self.scope.require(Permission.CHANGE, self.article)

    def get_form_kwargs(self):
        screening = self.article.screening
        return {
            **super().get_form_kwargs(),
            "organisation": self.organisation,
            "units": units_for(self, screening.unit),
            "initial": {
                "title": _("Phase out %(article)s") % {"article": self.article.name},
                "responsible_unit": screening.unit,
            },
        }

    def get_cancel_url(self) -> str:
        return reverse("chemicals:phase-out-plan", args=[self.article.screening_id])

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.plan_phase_out(self.article, **fields)
