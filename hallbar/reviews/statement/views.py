"""The environmental statement pages: the list, the statement (HTML and PDF), create, edit, delete,
the verifier's validation and its withdrawal, and the core indicator settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, UpdateView, View

from hallbar.accounts.roles import Permission
from hallbar.core.pdf import pdf_response
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.web.forms import add_errors
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FilteredListMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
    ScopedQuerysetMixin,
)

from ..models import EnvironmentalStatement
from . import pdf, queries, services
from .forms import CoreIndicatorSourcesForm, StatementFilterForm, StatementForm, ValidationForm
from .presentation import present

PAGE_SIZE = 50

STATEMENT_COLUMNS = [
    ExportColumn(gettext_lazy("reporting year"), "year", "number", 10),
    ExportColumn(gettext_lazy("date of the statement"), "statement_date", "date", 14),
    ExportColumn(gettext_lazy("validated"), "is_validated", width=10),
    ExportColumn(gettext_lazy("environmental verifier"), "verifier_name", width=30),
    ExportColumn(gettext_lazy("accreditation or licence number"), "accreditation_number", width=20),
    ExportColumn(gettext_lazy("date of validation"), "validated_on", "date", 14),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]


def may_validate(view) -> bool:
    return view.scope.has(Permission.WRITE_FINDINGS, organisation_id=view.organisation.pk)


class StatementListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "reviews/statement/statement_list.html"
    context_object_name = "statements"
    paginate_by = PAGE_SIZE
    export_filename = "environmental-statements"
    export_title = gettext_lazy("Environmental statements")
    export_columns = STATEMENT_COLUMNS
    filter_form_class = StatementFilterForm

    def get_filter_form_kwargs(self):
        return {"years": queries.years(self.scope)}

    def get_queryset(self):
        return queries.statement_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        organisation_id = self.organisation.pk
        return super().get_context_data(
            can_create=self.scope.has(Permission.CHANGE, organisation_id=organisation_id),
            can_manage=self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=organisation_id),
            **kwargs,
        )


class StatementDetailView(ScopedObjectMixin, DetailView):
    """The statement as an accessible page; the PDF has the same content."""

    model = EnvironmentalStatement
    template_name = "reviews/statement/statement_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")

    def get_context_data(self, **kwargs):
        statement = self.object
        can_validate = may_validate(self)
        return super().get_context_data(
            page=present(queries.statement_content(statement)),
            can_change=self.scope.has(Permission.CHANGE, statement) and not statement.is_validated,
            can_validate=can_validate,
            validation_form=ValidationForm() if can_validate and not statement.is_validated else None,
            can_manage=self.scope.has(Permission.MANAGE_FOLLOW_UP, statement),
            **kwargs,
        )


class StatementPdfView(StatementDetailView):
    def render_to_response(self, context, **response_kwargs):
        document = pdf.build(self.object, context["page"])
        return pdf_response(document, f"environmental-statement-{self.object.year}.pdf")


class StatementFormMixin(ChangeCheckMixin, FormPageMixin):
    model = EnvironmentalStatement
    form_class = StatementForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return services.save_statement(form.instance)


class StatementCreateView(StatementFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New environmental statement")
    page_intro = gettext_lazy(
        "The statement is generated from the system for the reporting year: the policy, the scope, the significant "
        "aspects, the objectives and targets, the core indicators and compliance. Here you add what the system "
        "does not hold."
    )
    cancel_url = reverse_lazy("reviews:statement-list")

    def get_initial(self):
        return {"year": timezone.localdate().year - 1, "description": queries.previous_description(self.organisation)}


class DraftOnlyMixin:
    """A validated statement is not changed or deleted: the user goes back to it with the reason."""

    guard = staticmethod(services.require_changeable)

    def refused(self):
        statement = self.get_object()
        try:
            self.guard(statement)
        except ValidationError as refusal:
            messages.error(self.request, " ".join(refusal.messages))
            return HttpResponseRedirect(statement.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)


class StatementUpdateView(DraftOnlyMixin, EditPageMixin, StatementFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class StatementDeleteView(DraftOnlyMixin, GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = EnvironmentalStatement
    object_permission = Permission.CHANGE
    guard = staticmethod(services.require_deletable)
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("reviews:statement-list")


class StatementTransitionMixin(ScopedQuerysetMixin):
    """``self.statement``: the statement named by ``pk`` (another organisation's is 404); recording or
    withdrawing its validation needs WRITE_FINDINGS on the organisation (auditors, coordinators)."""

    model = EnvironmentalStatement

    def check_permission(self) -> None:
        super().check_permission()
        self.statement = get_object_or_404(self.get_queryset().select_related("organisation"), pk=self.kwargs["pk"])
        if not self.scope.has(Permission.WRITE_FINDINGS, self.statement):
            raise PermissionDenied


class ValidationView(FormPageMixin, StatementTransitionMixin, FormView):
    """The verifier's validation. The form is also on the statement's page; this page shows it again
    with the errors, and to those who open it directly."""

    form_class = ValidationForm
    submit_label = gettext_lazy("Record the validation")
    page_intro = gettext_lazy(
        "Recording the validation freezes the statement as it is now: later changes in the system no longer change it."
    )

    def get_page_title(self) -> str:
        return _("Validation of %(statement)s") % {"statement": self.statement}

    def get_cancel_url(self) -> str:
        return self.statement.get_absolute_url()

    def get(self, request, *args, **kwargs):
        if self.statement.is_validated:
            messages.info(request, _("%(statement)s has already been validated.") % {"statement": self.statement})
            return HttpResponseRedirect(self.statement.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.validate(self.statement, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The validation was recorded and the statement frozen."))
        return HttpResponseRedirect(self.statement.get_absolute_url())


class WithdrawValidationView(StatementTransitionMixin, View):
    """POST only: remove the validation; the statement is generated from the live data again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw(self.statement)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The validation was withdrawn. The statement is a draft again."))
        return HttpResponseRedirect(self.statement.get_absolute_url())


class CoreIndicatorSettingsView(FormPageMixin, OrganisationRequiredMixin, FormView):
    """Which indicators supply A and B of each core indicator (always the active organisation's)."""

    permission = Permission.MANAGE_FOLLOW_UP
    template_name = "reviews/statement/core_indicator_settings.html"
    form_class = CoreIndicatorSourcesForm
    page_title = gettext_lazy("Core indicators (EMAS)")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "indicators": queries.yearly_indicators(self.organisation),
            "sources": queries.core_indicator_sources(self.organisation),
        }

    def get_cancel_url(self) -> str:
        return reverse("reviews:statement-list")

    def form_valid(self, form):
        try:
            services.save_core_indicator_sources(self.organisation, form.choices())
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The core indicator settings were saved."))
        return HttpResponseRedirect(self.request.path)
