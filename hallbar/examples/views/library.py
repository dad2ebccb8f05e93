"""The library as every organisation sees it: search and filter, an example's page, saving, copying."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.actions.models import ActionPlan
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FilteredListMixin, FormPageMixin, OrganisationRequiredMixin, may_create, units_for

from .. import queries, services
from ..forms import CopyForm, LibraryFilterForm
from .common import LibraryAttachmentMixin, LibraryObjectMixin, changeable

PAGE_SIZE = 30


class LibraryView(FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "examples/library.html"
    context_object_name = "examples"
    paginate_by = PAGE_SIZE
    filter_form_class = LibraryFilterForm

    def get_queryset(self):
        return queries.library(**self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            saved=queries.saved_ids(self.request.user),
            can_share=may_create(self),
            **kwargs,
        )


class SavedListView(OrganisationRequiredMixin, ListView):
    template_name = "examples/saved.html"
    context_object_name = "examples"

    def get_queryset(self):
        return queries.saved_for(self.request.user)


class ExampleDetailView(LibraryObjectMixin, DetailView):
    template_name = "examples/example_detail.html"

    def get_context_data(self, **kwargs):
        example = self.object
        is_own = example.organisation_id == self.organisation.pk
        return super().get_context_data(
            page=queries.example_page(example),
            is_own=is_own,
            can_change=is_own and self.scope.has(Permission.CHANGE, example),
            is_saved=example.pk in queries.saved_ids(self.request.user),
            can_copy=may_create(self),
            our_copies=queries.copies_in(example, self.organisation.pk),
            **kwargs,
        )


class SaveToggleView(LibraryObjectMixin, SingleObjectMixin, View):
    """``POST``: save the example to the person's list, or take it off again."""

    http_method_names = ["post"]

    def post(self, request, pk):
        example = self.get_object()
        if services.toggle_saved(request.user, example):
            messages.success(request, _("The example was saved to your list."))
        else:
            messages.success(request, _("The example was taken off your list."))
        return HttpResponseRedirect(example.get_absolute_url())


class CopyView(FormPageMixin, LibraryObjectMixin, FormView):
    """Copy the example into an action plan of the active organisation, in a unit the user may change."""

    form_class = CopyForm
    submit_label = _("Copy into my action plan")

    def check_permission(self) -> None:
        super().check_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not may_create(self):
            raise PermissionDenied

    def get_page_title(self) -> str:
        return _("Copy “%(title)s” into your action plan") % {"title": self.object.title}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def _action_plans(self):
        return changeable(self, ActionPlan.objects.all()).order_by("-valid_from_year", "title")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action_plans": self._action_plans(), "units": units_for(self)}

    def get_initial(self):
        return {"title": self.object.title}

    def form_valid(self, form):
        data = form.cleaned_data
        unit = data["responsible_unit"]
        allowed = (
            self.scope.has(Permission.CHANGE, unit)
            if unit
            else self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk)
        )
        if not allowed:
            form.add_error("responsible_unit", _("You may only make it the responsibility of a unit you work in."))
            return self.form_invalid(form)
        try:
            action = services.copy_to_plan(
                self.object,
                organisation=self.organisation,
                title=data["title"],
                action_plan=data["action_plan"],
                responsible_unit=unit,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The action “%(title)s” was created from the example.") % {"title": action})
        return HttpResponseRedirect(action.get_absolute_url())


class AttachmentDownloadView(LibraryAttachmentMixin, SingleObjectMixin, View):
    http_method_names = ["get"]

    def get(self, request, pk):
        attachment = self.get_object()
        if not attachment.file:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type or "application/octet-stream",
        )
