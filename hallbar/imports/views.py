"""Import pages: choose → template → upload → preview with column mapping → commit → report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import OrganisationRequiredMixin, ScopedObjectMixin

from . import services
from .exports import ExportColumn, ExportMixin
from .forms import MappingForm, UploadForm
from .messages import render_errors
from .models import ImportJob
from .reading import UnreadableFile
from .registry import all_specs, get_spec
from .template_files import csv_template, xlsx_template
from .validation import ImportContext

ERRORS_SHOWN = 200


def may_import(scope, organisation) -> bool:
    """Coordinators (and administrators) for the organisation; editors for the units they may change."""
    if scope.has(Permission.CHANGE, organisation_id=organisation.pk):
        return True
    return scope.changeable_units(organisation.pk).exists()


class ImportHomeView(ExportMixin, OrganisationRequiredMixin, ListView):
    """What can be imported, and the organisation's imports so far."""

    model = ImportJob
    template_name = "imports/home.html"
    context_object_name = "jobs"
    paginate_by = 25
    export_filename = "imports"
    export_title = gettext_lazy("Imports")
    export_columns = [
        ExportColumn(gettext_lazy("uploaded"), "created_at", "datetime", 18),
        ExportColumn(gettext_lazy("kind of data"), lambda job: job.spec.label if job.spec else job.spec_key, width=24),
        ExportColumn(gettext_lazy("file name"), "original_filename", width=30),
        ExportColumn(gettext_lazy("uploaded by"), "uploaded_by.full_name", width=24),
        ExportColumn(gettext_lazy("status"), "get_status_display", width=22),
        ExportColumn(gettext_lazy("rows"), "row_count", "number", 10),
        ExportColumn(gettext_lazy("new"), "created_count", "number", 10),
        ExportColumn(gettext_lazy("replaced"), "replaced_count", "number", 10),
        ExportColumn(gettext_lazy("errors"), "error_count", "number", 10),
        ExportColumn(gettext_lazy("imported"), "committed_at", "datetime", 18),
    ]

    def get_queryset(self):
        return self.scope.filter(ImportJob.objects.select_related("uploaded_by"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            specs=all_specs(), can_import=may_import(self.scope, self.organisation), **kwargs
        )


class SpecView(OrganisationRequiredMixin, FormView):
    """One kind of import: its columns, the templates (``?template=xlsx|csv``) and the upload form."""

    form_class = UploadForm
    template_name = "imports/spec.html"

    def check_permission(self) -> None:
        self.spec = get_spec(self.kwargs["spec"])
        if self.spec is None:
            raise Http404
        if not may_import(self.scope, self.organisation):
            raise PermissionDenied(_("You may not import data: ask a coordinator for a role that may change data."))

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("template")
        filename = f"{self.spec.key}-{_('template')}"
        if kind == "csv":
            return csv_template(self.spec, filename)
        if kind == "xlsx":
            context = ImportContext(organisation=self.organisation, scope=self.scope, user=request.user)
            return xlsx_template(self.spec, filename, context)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(spec=self.spec, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            job = services.create_job(
                spec=self.spec,
                organisation=self.organisation,
                user=self.request.user,
                scope=self.scope,
                filename=upload.name,
                data=upload.read(),
            )
        except UnreadableFile as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(job)


class JobView(ScopedObjectMixin, DetailView):
    """Preview (mapping, first rows, errors) before the commit; progress while importing; the report after."""

    model = ImportJob

    def get_template_names(self):
        if self.request.htmx and self.object.status == ImportJob.Status.COMMITTING:
            return ["imports/includes/job_progress.html"]
        return ["imports/job.html"]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.request.htmx and self.object.status != ImportJob.Status.COMMITTING:
            response["HX-Refresh"] = "true"  # finished: show the whole report
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job, spec = self.object, self.object.spec
        if spec is None:
            raise Http404
        may_change = job.uploaded_by_id == self.request.user.pk and may_import(self.scope, self.organisation)
        context.update(
            spec=spec,
            columns=[capfirst(column.label) for column in spec.columns],
            errors=render_errors(spec, job.errors[:ERRORS_SHOWN]),
            errors_not_shown=max(job.error_count - ERRORS_SHOWN, 0),
            preview=services.display_preview(job),
            may_change=may_change,
        )
        if may_change and job.status == ImportJob.Status.PREVIEWED:
            context["mapping_form"] = MappingForm(initial=job.mapping, spec=spec, headers=job.headers)
        return context


class JobActionView(ScopedObjectMixin, SingleObjectMixin, View):
    """Base for the POST-only steps: only the uploader, while the job is still being previewed."""

    model = ImportJob

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        job = self.object
        if job.uploaded_by_id != request.user.pk or not may_import(self.scope, self.organisation):
            raise PermissionDenied
        if job.status != ImportJob.Status.PREVIEWED:
            messages.error(request, _("This import has already been started."))
            return HttpResponseRedirect(job.get_absolute_url())
        return self.act(job)


class JobMappingView(JobActionView):
    def act(self, job):
        form = MappingForm(self.request.POST, spec=job.spec, headers=job.headers)
        form.is_valid()  # a required column left unmapped is reported as a row error on the preview
        mapping = {name: self.request.POST.get(name, "") for name in form.fields}
        mapping = {name: header if header in job.headers else "" for name, header in mapping.items()}
        services.recheck(job, mapping, self.scope)
        messages.success(self.request, _("The file was checked again with the new column choices."))
        return HttpResponseRedirect(job.get_absolute_url())


class JobCommitView(JobActionView):
    def act(self, job):
        if not job.can_commit:
            messages.error(self.request, _("Correct the errors in the file first: nothing has been imported."))
            return HttpResponseRedirect(job.get_absolute_url())
        queued = services.start_commit(job, self.scope)
        job.refresh_from_db()
        if queued:
            messages.info(self.request, _("The import has started. This page shows when it is done."))
        elif job.status == ImportJob.Status.COMMITTED:
            counts = {"count": job.row_count, "new": job.created_count, "replaced": job.replaced_count}
            if job.spec.updates_existing:
                text = _("%(count)s rows were imported: %(new)s new, %(replaced)s updated.") % counts
            else:
                text = _("%(count)s rows were imported: %(new)s new, %(replaced)s replaced.") % counts
            messages.success(self.request, text)
        else:
            messages.error(self.request, _("The import found errors and nothing was imported."))
        return HttpResponseRedirect(job.get_absolute_url())
