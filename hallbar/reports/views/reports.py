"""The report builder's pages: list, settings, the report with its versions, and the downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import EditPageMixin, FormPageMixin, OrganisationRequiredMixin, ScopedObjectMixin

from .. import queries, services
from ..forms import ReportForm
from ..models import Report, ReportVersion
from ..models.report import FORMATS

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MANAGE = Permission.MANAGE_FOLLOW_UP


class ReportListView(OrganisationRequiredMixin, ListView):
    template_name = "reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return queries.report_list(self.scope)

    def get_context_data(self, **kwargs):
        can_manage = self.scope.has(MANAGE, organisation_id=self.organisation.pk)
        return super().get_context_data(can_manage=can_manage, **kwargs)


class _ReportFormMixin:
    template_name = "documents/file_form_page.html"
    form_class = ReportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form):
        try:
            self.object = services.save_report(
                form.instance,
                logo=form.cleaned_data.get("logo_file"),
                remove_logo=form.cleaned_data.get("remove_logo", False),
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class ReportCreateView(_ReportFormMixin, FormPageMixin, OrganisationRequiredMixin, CreateView):
    permission = MANAGE
    page_title = gettext_lazy("New report")
    page_intro = gettext_lazy(
        "Choose a plan, a period and the sections. A public report holds only what is published on the portal; "
        "an internal report may hold internal data."
    )
    cancel_url = reverse_lazy("reports:list")

    def get_initial(self):
        return {"year": timezone.localdate().year - 1, "sections": ["summary", "goals", "indicators", "actions"]}


class ReportUpdateView(_ReportFormMixin, EditPageMixin, ScopedObjectMixin, UpdateView):
    model = Report
    object_permission = MANAGE

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if services.is_frozen(report):
            raise Http404  # frozen: the page that links here shows no edit button
        return report


class ReportDeleteView(ScopedObjectMixin, DeleteView):
    model = Report
    object_permission = MANAGE
    template_name = "web/confirm_delete.html"

    def form_valid(self, form):
        self.object = self.get_object()
        try:
            services.delete_report(self.object)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("%(object)s was deleted.") % {"object": self.object})
        return HttpResponseRedirect(reverse("reports:list"))


class ReportDetailView(ScopedObjectMixin, DetailView):
    model = Report
    template_name = "reports/report_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.headers.get("HX-Request") and not queries.is_busy(self.object):
            return HttpResponse(headers={"HX-Refresh": "true"})  # the status polled: show the new version
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["reports/includes/progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        report = self.object
        return super().get_context_data(
            versions=queries.versions_of(report),
            frozen=services.is_frozen(report),
            busy=queries.is_busy(report),
            can_manage=self.scope.has(MANAGE, report),
            formats=FORMATS,
            **kwargs,
        )


class _ReportActionView(ScopedObjectMixin, SingleObjectMixin, View):
    """A POST button on the report page: do it through the service, say what happened, go back."""

    object_permission = MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.act(self.object)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class GenerateView(_ReportActionView):
    model = Report

    def act(self, report):
        version = services.request_generation(report, self.request.user)
        return _("Version %(number)s is being generated.") % {"number": version.number}


class ApproveVersionView(_ReportActionView):
    model = ReportVersion

    def act(self, version):
        services.approve(version, self.request.user)
        return _("Version %(number)s was approved; the report is now frozen.") % {"number": version.number}


class DeleteVersionView(_ReportActionView):
    model = ReportVersion

    def act(self, version):
        services.delete_version(version)
        return _("Version %(number)s was deleted.") % {"number": version.number}


class VersionFileView(ScopedObjectMixin, DetailView):
    """A version's PDF, DOCX or XLSX, sent after the scope check (files live at random paths)."""

    model = ReportVersion

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        file_format = kwargs["format"]
        stored = version.file(file_format)
        if not stored:
            raise Http404
        name = stored.name.rsplit("/", 1)[-1]
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[file_format]
        )
