"""The climate budget in the financial plan: list, page, create, edit, delete, adopt, the allocation by
sector, measures (with actions and reported effects) and the XLSX/PDF exports.

Coordinators and administrators (``MANAGE_FOLLOW_UP``) write the budget and its allocation; editors
write the measures of their own units (``CHANGE`` on the measure's unit). Writes go through
``climate.budget_services``, which also refuses changes to an adopted budget.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, UpdateView, View

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
    ScopedQuerysetMixin,
    may_create,
    units_for,
)

from .. import budget_charts, budget_exports, budget_queries, budget_services, queries
from ..budget_forms import ClimateBudgetForm, EffectForm, MeasureActionForm, MeasureForm, ResponsibilityForm
from ..models import ClimateBudget, Measure, SectorResponsibility

MANAGE = Permission.MANAGE_FOLLOW_UP
LIST_URL = reverse_lazy("climate:budget-list")


# Shared building blocks ---------------------------------------------------------------------------


class ObjectMixin(ScopedQuerysetMixin):
    """``self.object``: the ``model`` row named by ``pk`` (another organisation's is 404), on which the
    user needs ``object_permission`` (unit-aware); ``self.budget`` is its climate budget."""

    object_permission = Permission.VIEW
    budget_permission = None  # also needed on the budget, e.g. MANAGE for the allocation

    def check_permission(self) -> None:
        super().check_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.scope.require(self.object_permission, self.object)
        self.budget = self.object if isinstance(self.object, ClimateBudget) else self.object.budget
        if self.budget_permission:
            self.scope.require(self.budget_permission, self.budget)

    def get_object(self, queryset=None):
        return self.object


class DraftRequiredMixin:
    """An adopted budget is locked: the user goes back to its page with the reason why."""

    def refused(self):
        message = budget_services.locked_refusal(self.budget)
        if message is None:
            return None
        messages.error(self.request, message)
        return HttpResponseRedirect(self.budget.get_absolute_url())

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)


def _redirect_with(request, budget, error: ValidationError | None = None, success: str = ""):
    if error is not None:
        messages.error(request, " ".join(error.messages))
    elif success:
        messages.success(request, success)
    return HttpResponseRedirect(budget.get_absolute_url())


# The budget ----------------------------------------------------------------------------------------


class BudgetListView(OrganisationRequiredMixin, ListView):
    template_name = "climate/budget_list.html"
    context_object_name = "budgets"

    def get_queryset(self):
        return self.scope.filter(ClimateBudget.objects.all()).select_related("method")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=self.scope.has(MANAGE, organisation_id=self.organisation.pk), **kwargs
        )


class BudgetCreateView(ChangeCheckMixin, FormPageMixin, OrganisationRequiredMixin, CreateView):
    permission = MANAGE
    model = ClimateBudget
    form_class = ClimateBudgetForm
    page_title = gettext_lazy("New climate budget")
    page_intro = gettext_lazy(
        "The ceilings of the budget year and the plan years follow the reduction path of the chosen preset."
    )
    cancel_url = LIST_URL

    def get_initial(self):
        return {"method": queries.method_for(self.organisation), "plan_years": 3}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return budget_services.save_budget(form.instance)

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class BudgetUpdateView(DraftRequiredMixin, ChangeCheckMixin, EditPageMixin, ObjectMixin, UpdateView):
    model = ClimateBudget
    form_class = ClimateBudgetForm
    object_permission = MANAGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return budget_services.save_budget(form.instance)

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class BudgetDeleteView(DraftRequiredMixin, GuardedDeleteMixin, ObjectMixin, DeleteView):
    model = ClimateBudget
    object_permission = MANAGE
    template_name = "web/confirm_delete.html"
    delete_object = staticmethod(budget_services.delete_budget)
    success_url = LIST_URL


class BudgetPartDeleteMixin(GuardedDeleteMixin):
    """Deleting part of a budget through its service: deleted or refused, back to the budget's page."""

    def get_refused_url(self) -> str:
        return self.budget.get_absolute_url()

    def get_success_url(self) -> str:
        return self.budget.get_absolute_url()


class BudgetAdoptView(ObjectMixin, View):
    model = ClimateBudget
    object_permission = MANAGE

    def post(self, request, *args, **kwargs):
        try:
            budget_services.adopt(self.object, user=request.user)
        except ValidationError as error:
            return _redirect_with(request, self.object, error)
        return _redirect_with(request, self.object, success=_("The climate budget is adopted and locked."))


class BudgetDetailView(ScopedObjectMixin, DetailView):
    model = ClimateBudget
    template_name = "climate/budget_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation__municipality", "method__release", "adopted_by")

    def get_context_data(self, **kwargs):
        page = budget_queries.budget_page(self.object)
        manage = self.scope.has(MANAGE, self.object)
        draft = not self.object.is_adopted
        for measure in page.measures:
            measure.can_change = draft and self.scope.has(Permission.CHANGE, measure)
            measure.can_report = self.scope.has(Permission.CHANGE, measure)
        return super().get_context_data(
            page=page,
            figures=page.figures,
            can_manage=manage and draft,
            can_adopt=manage and draft,
            can_add_measure=draft and may_create(self),
            wedge_chart=budget_charts.wedge_chart(page) if page.figures.ceilings else None,
            cost_chart=budget_charts.cost_chart(page) if page.measures else None,
            **kwargs,
        )


class BudgetExportView(ObjectMixin, View):
    model = ClimateBudget

    def get(self, request, *args, **kwargs):
        page = budget_queries.budget_page(self.object)
        if kwargs["format"] == "xlsx":
            return budget_exports.xlsx_response(page)
        if kwargs["format"] == "pdf":
            return budget_exports.pdf_response_for(page)
        raise Http404


# Allocation ----------------------------------------------------------------------------------------


class ResponsibilityCreateView(DraftRequiredMixin, FormPageMixin, ObjectMixin, FormView):
    model = ClimateBudget
    object_permission = MANAGE
    form_class = ResponsibilityForm
    page_title = gettext_lazy("Add a sector responsibility")
    page_intro = gettext_lazy(
        "The unit answers for its share of the sector's part of every ceiling. The shares of one sector add up "
        "to at most 100 %."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "budget": self.budget, "instance": SectorResponsibility()}

    def get_cancel_url(self) -> str:
        return self.budget.get_absolute_url()

    def form_valid(self, form):
        try:
            budget_services.save_responsibility(form.instance)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        return _redirect_with(self.request, self.budget, success=_("%(object)s was saved.") % {"object": form.instance})


class ResponsibilityDeleteView(BudgetPartDeleteMixin, ObjectMixin, DeleteView):
    """Removed with a button on the budget's page (no confirmation page)."""

    model = SectorResponsibility
    budget_permission = MANAGE
    http_method_names = ["post"]
    delete_object = staticmethod(budget_services.delete_responsibility)


# Measures ------------------------------------------------------------------------------------------


class MeasureFormMixin(DraftRequiredMixin, ChangeCheckMixin, FormPageMixin):
    form_class = MeasureForm
    unit_field = "unit"

    def get_form_kwargs(self):
        current = getattr(getattr(self, "object", None), "unit", None)
        return {**super().get_form_kwargs(), "budget": self.budget, "units": units_for(self, current)}

    def save(self, form):
        return budget_services.save_measure(form.instance, actions=form.cleaned_data["actions"])

    def get_cancel_url(self) -> str:
        return self.budget.get_absolute_url()

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class MeasureCreateView(MeasureFormMixin, ObjectMixin, CreateView):
    model = ClimateBudget
    page_title = gettext_lazy("New reduction measure")

    def check_permission(self) -> None:
        super().check_permission()
        if not may_create(self):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Measure()}


class MeasureUpdateView(MeasureFormMixin, EditPageMixin, ObjectMixin, UpdateView):
    model = Measure
    object_permission = Permission.CHANGE


class MeasureDeleteView(DraftRequiredMixin, BudgetPartDeleteMixin, ObjectMixin, DeleteView):
    model = Measure
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    delete_object = staticmethod(budget_services.delete_measure)


class MeasureActionView(DraftRequiredMixin, FormPageMixin, ObjectMixin, FormView):
    model = Measure
    object_permission = Permission.CHANGE
    form_class = MeasureActionForm

    def get_page_title(self) -> str:
        return _("New action for “%(measure)s”") % {"measure": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def form_valid(self, form):
        try:
            action = budget_services.add_action(self.object, title=form.cleaned_data["title"])
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": action})
        return HttpResponseRedirect(action.get_absolute_url())


class EffectCreateView(FormPageMixin, ObjectMixin, FormView):
    """The follow-up: the effect a measure had in a year (also after adoption)."""

    model = Measure
    object_permission = Permission.CHANGE
    form_class = EffectForm

    def get_page_title(self) -> str:
        return _("Report the effect of “%(measure)s”") % {"measure": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "budget": self.budget}

    def get_cancel_url(self) -> str:
        return reverse("climate:budget-detail", args=[self.budget.pk]) + "#follow-up"

    def form_valid(self, form):
        try:
            budget_services.record_effect(self.object, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The reported effect was saved."))
        return HttpResponseRedirect(self.get_cancel_url())
