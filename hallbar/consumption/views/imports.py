"""Ledger imports: list, upload, and the job page with its progress, errors and unmapped accounts."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin, ScopedObjectMixin

from .. import importing, queries
from ..exports import IMPORT_COLUMNS
from ..forms import LedgerUploadForm
from ..ledger import describe_error
from ..models import LedgerImport


class ImportListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "consumption/import_list.html"
    context_object_name = "imports"
    paginate_by = 50
    export_filename = "ledger-imports"
    export_title = gettext_lazy("Ledger imports")
    export_columns = IMPORT_COLUMNS

    def get_queryset(self):
        rows = queries.imports(self.scope)
        status = self.request.GET.get("status")
        return rows.filter(status=status) if status in LedgerImport.Status.values else rows

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=LedgerImport.Status.choices,
            can_change=self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk),
            **kwargs,
        )


class ImportCreateView(FormPageMixin, OrganisationRequiredMixin, FormView):
    permission = Permission.CHANGE
    form_class = LedgerUploadForm
    page_title = gettext_lazy("Import a ledger")
    page_intro = gettext_lazy(
        "The file is checked as a whole: if any row has an error, nothing is imported and you get a list of the "
        "rows to correct. Negative amounts are credit notes and reduce the totals. A file covering the whole "
        "period of an earlier import replaces it."
    )
    submit_label = gettext_lazy("Import")

    def get_cancel_url(self):
        return reverse("consumption:imports")

    def form_valid(self, form):
        try:
            job = importing.start_import(
                organisation=self.organisation, user=self.request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(job.get_absolute_url())


class ImportDetailView(ScopedObjectMixin, DetailView):
    model = LedgerImport
    template_name = "consumption/import_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.headers.get("HX-Request") and self.object.is_finished:
            return HttpResponse(headers={"HX-Refresh": "true"})  # the progress bar polled: show the report
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["consumption/includes/import_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        errors = [[row, *describe_error(column), value] for row, column, value in self.object.errors]
        unmapped = queries.unmapped_spend(self.object.aggregates.all())
        return super().get_context_data(errors=errors, unmapped=unmapped, **kwargs)
