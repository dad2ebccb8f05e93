"""Reporting rounds and unit reports: thin views over :mod:`.services` and :mod:`.queries`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.web.mixins import (
    EditPageMixin,
    FormPageMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
    ScopedQuerysetMixin,
)

from . import queries, services
from .forms import ReviewForm, RoundForm, SummaryForm, ValueLineForm
from .models import ReportingRound, UnitReport


class RoundListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "reporting/round_list.html"
    context_object_name = "rounds"
    paginate_by = 25
    export_filename = "reporting-rounds"
    export_title = gettext_lazy("Reporting rounds")
    export_columns = [
        ExportColumn(gettext_lazy("title"), "title", width=30),
        ExportColumn(gettext_lazy("period"), "period_label", width=16),
        ExportColumn(gettext_lazy("deadline"), "deadline", "date", 12),
        ExportColumn(gettext_lazy("status"), "get_status_display", width=10),
        ExportColumn(gettext_lazy("reported"), "reported_count", "number", 10),
        ExportColumn(gettext_lazy("approved"), "approved_count", "number", 10),
        ExportColumn(gettext_lazy("units asked"), "report_count", "number", 10),
        ExportColumn(gettext_lazy("id"), "pk", "number", 8),
    ]

    def get_queryset(self):
        return queries.round_list(self.scope)

    def get_context_data(self, **kwargs):
        can_open = self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk)
        return super().get_context_data(can_open=can_open, **kwargs)


class RoundFormMixin(FormPageMixin):
    model = ReportingRound
    form_class = RoundForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form):
        units = list(form.cleaned_data["units"])
        try:
            with transaction.atomic():
                if form.instance.pk:
                    self.object = form.save()
                    asked = set(self.object.reports.values_list("unit_id", flat=True))
                    services.add_units(self.object, units)
                    services.remove_units(self.object, [pk for pk in asked if pk not in {u.pk for u in units}])
                else:
                    fields = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
                    self.object = services.open_round(organisation=self.organisation, units=units, **fields)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class RoundCreateView(RoundFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.MANAGE_FOLLOW_UP
    page_title = gettext_lazy("Open a reporting round")
    cancel_url = reverse_lazy("reporting:list")


class RoundUpdateView(EditPageMixin, RoundFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.MANAGE_FOLLOW_UP


class RoundDetailView(ScopedObjectMixin, DetailView):
    model = ReportingRound
    template_name = "reporting/round_detail.html"

    def get_context_data(self, **kwargs):
        previous, changes = queries.changes_since_previous(self.object)
        return super().get_context_data(
            overview=queries.round_overview(self.object),
            previous=previous,
            changes=changes,
            can_review=services.can_review(self.scope, self.object),
            **kwargs,
        )


class ReportView(ScopedObjectMixin, DetailView):
    """A unit's report: read it, and while it is editable fill it in and submit it."""

    model = UnitReport
    template_name = "reporting/report_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("round", "unit", "submitted_by", "reviewed_by")

    def forms(self, data=None):
        content = queries.report_content(self.object)
        summary = SummaryForm(data, instance=self.object, prefix="report")
        lines = [ValueLineForm(data, line=line, prefix=f"indicator-{line.indicator.pk}") for line in content.indicators]
        return content, summary, lines

    def get_context_data(self, **kwargs):
        report = self.object
        may_edit = report.is_editable and services.can_report(self.scope, report)
        if "summary_form" not in kwargs:
            content, summary, lines = self.forms()
            kwargs.update(content=content, summary_form=summary, line_forms=lines)
        return super().get_context_data(
            may_edit=may_edit,
            may_review=report.status == UnitReport.Status.SUBMITTED and services.can_review(self.scope, report.round),
            review_form=ReviewForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not services.can_report(self.scope, self.object):
            raise PermissionDenied
        content, summary, lines = self.forms(request.POST)
        if not (summary.is_valid() and all(form.is_valid() for form in lines)):
            context = self.get_context_data(content=content, summary_form=summary, line_forms=lines)
            return self.render_to_response(context, status=200)
        values = [{"line": form.line, **form.cleaned_data} for form in lines]
        try:
            with transaction.atomic():
                services.save_report(self.object, summary=summary.cleaned_data["summary"], values=values)
                if "submit" in request.POST:
                    services.submit(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        if "submit" in request.POST:
            messages.success(request, _("The report was submitted. The coordinator has been told it is ready."))
        else:
            messages.success(request, _("The report was saved as a draft."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ReviewView(ScopedQuerysetMixin, View):
    """Approve or return a submitted report (coordinators)."""

    model = UnitReport

    def post(self, request, pk):
        report = get_object_or_404(self.get_queryset().select_related("round"), pk=pk)
        if not services.can_review(self.scope, report.round):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        form.is_valid()
        comment = form.cleaned_data.get("review_comment", "")
        try:
            if "approve" in request.POST:
                services.approve(report, by=request.user, comment=comment)
                messages.success(request, _("The report was approved and locked."))
            else:
                services.return_report(report, by=request.user, comment=comment)
                messages.success(request, _("The report was returned to the unit with your comment."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(report.get_absolute_url())
