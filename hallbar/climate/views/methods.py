"""Carbon-budget presets (list, detail, create, copy, edit, delete, choose) and the budgets of all
municipalities under a preset, with their exports. Writes go through ``climate.services``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.history.models import ChangeRecord
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    ChangeCheckMixin,
    FilteredListMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
)

from .. import queries, services
from ..exports import RESULT_COLUMNS, result_columns, results_filename
from ..forms import BudgetMethodForm, ChooseMethodForm, ResultsFilterForm
from ..models import BudgetMethod
from ..results import SORT_KEYS, municipality_results, sorted_rows, visible_methods

MANAGE = Permission.MANAGE_FOLLOW_UP
METHODS_URL = reverse_lazy("climate:methods")

# Each parameter with its unit (the explanation is the field's help text).
PARAMETERS = [
    ("kind", ""),
    ("release", ""),
    ("budget_t", gettext_lazy("t CO2")),
    ("start_year", gettext_lazy("year")),
    ("overhead_t", gettext_lazy("t CO2")),
    ("overhead_reference_t", gettext_lazy("t CO2")),
    ("reference_first_year", gettext_lazy("year")),
    ("annual_reduction", gettext_lazy("fraction per year")),
    ("county", ""),
    ("horizon_year", gettext_lazy("year")),
]


def can_manage(view) -> bool:
    return view.scope.has(MANAGE, organisation_id=view.organisation.pk)


def method_url(method: BudgetMethod) -> str:
    return reverse("climate:method-detail", args=[method.pk])


def parameter_rows(method: BudgetMethod) -> list[dict]:
    rows = []
    for name, unit in PARAMETERS:
        field = BudgetMethod._meta.get_field(name)
        value = getattr(method, f"get_{name}_display")() if field.choices else getattr(method, name)
        if name == "county" and value is None:
            value = _("all of Sweden")
        rows.append(
            {
                "label": capfirst(field.verbose_name),
                "value": value,
                "unit": unit,
                "explanation": field.help_text,
                "is_tonnes": name.endswith("_t"),
            }
        )
    return rows


class MethodsMixin(OrganisationRequiredMixin):
    """Presets this organisation may see: the shipped ones and its own (another organisation's: 404)."""

    model = BudgetMethod

    def get_queryset(self):
        return visible_methods(self.organisation)


class MethodListView(MethodsMixin, ListView):
    template_name = "climate/method_list.html"
    context_object_name = "methods"

    def get_queryset(self):
        return super().get_queryset().order_by("organisation_id", "name")

    def get_context_data(self, **kwargs):
        chosen = queries.method_for(self.organisation)
        manage = can_manage(self)
        return super().get_context_data(
            chosen=chosen,
            can_manage=manage,
            choose_form=ChooseMethodForm(methods=self.get_queryset(), initial={"method": chosen}) if manage else None,
            **kwargs,
        )


class MethodDetailView(MethodsMixin, DetailView):
    template_name = "climate/method_detail.html"
    context_object_name = "method"

    def get_context_data(self, **kwargs):
        method = self.object
        own = method.organisation_id == self.organisation.pk
        changes = ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(BudgetMethod),
            object_id=str(method.pk),
            organisation_id=method.organisation_id,
        ).select_related("actor", "content_type")
        return super().get_context_data(
            parameters=parameter_rows(method),
            changes=changes,
            detailed=True,
            is_chosen=queries.method_for(self.organisation).pk == method.pk,
            can_manage=can_manage(self),
            can_change=own and can_manage(self),
            **kwargs,
        )


class MethodFormMixin(ChangeCheckMixin, FormPageMixin):
    model = BudgetMethod
    form_class = BudgetMethodForm
    unit_field = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        try:
            return services.save_method(form.instance, self.request.user)
        except PermissionDenied as refusal:
            raise ValidationError(str(refusal)) from refusal

    def get_success_url(self) -> str:
        return method_url(self.object)


class MethodCreateView(MethodFormMixin, OrganisationRequiredMixin, CreateView):
    """A new preset, from scratch or (``?copy=<pk>``) as a copy of any preset this organisation sees."""

    permission = MANAGE
    page_title = gettext_lazy("New carbon-budget preset")
    page_intro = gettext_lazy(
        "The budget is shared among the municipalities by their share of the emissions in the reference years. "
        "Every saved change raises the preset's version and is kept in its history."
    )
    cancel_url = METHODS_URL

    def get_initial(self):
        source_id = self.request.GET.get("copy", "")
        if not source_id.isdigit():
            return super().get_initial()
        source = get_object_or_404(visible_methods(self.organisation), pk=int(source_id))
        copy = services.copy_of(source, self.organisation)
        initial = {name: getattr(copy, name) for name in ("name", *services.COPIED_FIELDS)}
        initial.update(release=copy.release_id, county=copy.county_id)
        return initial


class MethodUpdateView(MethodFormMixin, MethodsMixin, UpdateView):
    def get_object(self, queryset=None):
        method = super().get_object(queryset)
        if method.is_shipped:
            raise PermissionDenied(_("The presets shipped with Hållbar cannot be changed. Copy one to adapt it."))
        self.scope.require(MANAGE, method)
        return method

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}

    def get_cancel_url(self) -> str:
        return method_url(self.object)


class MethodDeleteView(GuardedDeleteMixin, MethodsMixin, DeleteView):
    """Deletes an own preset nothing uses; otherwise goes back with what depends on it."""

    template_name = "climate/method_confirm_delete.html"
    context_object_name = "method"
    success_url = METHODS_URL

    def get_object(self, queryset=None):
        method = super().get_object(queryset)
        if method.is_shipped:
            raise PermissionDenied(_("The presets shipped with Hållbar cannot be deleted."))
        self.scope.require(MANAGE, method)
        return method

    delete_object = staticmethod(services.delete_method)

    def get_refused_url(self) -> str:
        return method_url(self.object)


class ChooseMethodView(FormPageMixin, OrganisationRequiredMixin, FormView):
    """Which preset the organisation's climate pages and climate budget use."""

    permission = MANAGE
    form_class = ChooseMethodForm
    page_title = gettext_lazy("Choose the organisation's carbon-budget preset")
    cancel_url = METHODS_URL
    success_url = METHODS_URL

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "methods": visible_methods(self.organisation)}

    def get_initial(self):
        return {"method": queries.method_for(self.organisation)}

    def form_valid(self, form):
        method = form.cleaned_data["method"]
        services.choose_method(self.organisation, method)
        messages.success(self.request, _("The organisation now uses %(method)s.") % {"method": method})
        return super().form_valid(form)


class MunicipalityResultsView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, TemplateView):
    """Every municipality's budget under a preset (the organisation's, or ``?method=``), sortable."""

    template_name = "climate/municipalities.html"
    export_title = gettext_lazy("Carbon budgets of all municipalities")
    filter_form_class = ResultsFilterForm

    def get_filter_form_kwargs(self):
        return {"methods": visible_methods(self.organisation)}

    def get_results(self):
        if not hasattr(self, "_results"):
            data = {}
            if self.filter_form.is_bound:
                self.filter_form.is_valid()
                data = self.filter_form.cleaned_data  # the valid fields; a bad one falls back to its default
            method = data.get("method") or queries.method_for(self.organisation)
            self._results = municipality_results(method, data.get("year") or date.today().year)
        return self._results

    def get_export_filename(self) -> str:
        results = self.get_results()
        return results_filename(results.method, results.current_year)

    def get_export_columns(self):
        results = self.get_results()
        return result_columns(results.method, results.current_year)

    def get_export_rows(self):
        return self.get_results().rows

    def get_context_data(self, **kwargs):
        results = self.get_results()
        sort = self.request.GET.get("sort", "code")
        sort = sort if sort in SORT_KEYS else "code"
        descending = self.request.GET.get("order") == "desc"
        return super().get_context_data(
            results=results,
            rows=sorted_rows(results.rows, sort, descending),
            sort=sort,
            descending=descending,
            columns=[(key, column.header) for key, column in zip(SORT_KEYS, RESULT_COLUMNS, strict=False)],
            total_budget=sum(row.budget_t for row in results.rows),
            **kwargs,
        )
