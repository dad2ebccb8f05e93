from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, FormView, TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.accounts.services import invite
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.web.mixins import FormPageMixin, GuardedDeleteMixin, OrganisationRequiredMixin, ScopedObjectMixin

from .forms import NewOrganisationForm, OrganisationForm, UnitForm
from .models import Organisation, OrganisationUnit
from .queries import unit_tree
from .services import create_organisation


class StructureView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "organisations/structure.html"
    export_filename = "units"
    export_title = gettext_lazy("Organisation structure")
    export_columns = [
        ExportColumn(gettext_lazy("name"), "name", width=36),
        ExportColumn(gettext_lazy("kind"), "get_kind_display", width=20),
        ExportColumn(gettext_lazy("parent unit"), "parent.name", width=36),
        ExportColumn(gettext_lazy("level"), lambda unit: unit.depth + 1, "number", 8),
        ExportColumn(gettext_lazy("code"), "code", width=14),
        ExportColumn(gettext_lazy("organisation number"), "org_number", width=16),
        ExportColumn(gettext_lazy("active"), "is_active", width=8),
        ExportColumn(gettext_lazy("id"), "pk", "number", 8),
    ]

    def get_export_rows(self):
        units = self.scope.in_focus(self.scope.filter(OrganisationUnit.objects.all()))
        return units.select_related("parent").order_by("path")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = self.scope.in_focus(self.scope.filter(OrganisationUnit.objects.all()))
        context["tree"] = unit_tree(units)
        context["can_manage"] = self.scope.has(Permission.MANAGE_STRUCTURE, organisation_id=self.organisation.pk)
        return context


class OrganisationUpdateView(FormPageMixin, ScopedObjectMixin, UpdateView):
    model = Organisation
    form_class = OrganisationForm
    permission = Permission.MANAGE_STRUCTURE
    object_permission = Permission.MANAGE_STRUCTURE
    page_title = gettext_lazy("Edit the organisation's details")
    success_url = cancel_url = reverse_lazy("organisations:structure")

    def get_object(self, queryset=None):
        self.kwargs["pk"] = self.organisation.pk
        return super().get_object(queryset)

    def form_valid(self, form):
        messages.success(self.request, _("The organisation's details were saved."))
        return super().form_valid(form)


class UnitDetailView(ScopedObjectMixin, DetailView):
    model = OrganisationUnit
    template_name = "organisations/unit_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("parent", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        context["ancestors"] = unit.ancestors()
        context["tree"] = unit_tree(unit.subtree().exclude(pk=unit.pk))
        context["memberships"] = unit.memberships.filter(is_active=True).select_related("user")
        context["can_manage"] = self.scope.has(Permission.MANAGE_STRUCTURE, unit)
        return context


class UnitFormMixin(FormPageMixin):
    model = OrganisationUnit
    form_class = UnitForm
    permission = Permission.MANAGE_STRUCTURE

    def get_page_title(self) -> str:
        if getattr(self, "object", None):
            return _("Edit %(name)s") % {"name": self.object.name}
        return _("New unit")

    def get_cancel_url(self) -> str:
        if getattr(self, "object", None):
            return self.object.get_absolute_url()
        return reverse("organisations:structure")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}


class UnitCreateView(UnitFormMixin, OrganisationRequiredMixin, CreateView):
    def get_initial(self):
        parent = self.request.GET.get("parent")
        return {"parent": parent} if parent and parent.isdigit() else {}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The unit %(name)s was created.") % {"name": self.object.name})
        return response


class UnitUpdateView(UnitFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.MANAGE_STRUCTURE

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The unit %(name)s was saved.") % {"name": self.object.name})
        return response


class UnitDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = OrganisationUnit
    permission = Permission.MANAGE_STRUCTURE
    object_permission = Permission.MANAGE_STRUCTURE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("organisations:structure")


class NewOrganisationView(FormPageMixin, UserPassesTestMixin, FormView):
    """For the installation's operators (Django superusers): set up an organisation from the lists."""

    form_class = NewOrganisationForm
    page_title = gettext_lazy("Set up an organisation")
    page_intro = gettext_lazy(
        "Pick the municipality or county from the official lists. Codes, county and SKR group are filled in "
        "from reference data; the name can be changed afterwards."
    )
    submit_label = gettext_lazy("Create and invite")

    def test_func(self):
        return self.request.user.is_authenticated and self.request.user.is_superuser

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            organisation = create_organisation(
                data["kind"], municipality=data["municipality"], county=data["county"], org_number=data["org_number"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        invite(
            email=form.cleaned_data["administrator_email"],
            organisation=organisation,
            unit=None,
            role="administrator",
            invited_by=self.request.user,
            site_url=self.request.build_absolute_uri("/"),
        )
        messages.success(
            self.request,
            _("%(name)s was created and an invitation was sent to %(email)s.")
            % {"name": organisation.name, "email": form.cleaned_data["administrator_email"]},
        )
        return redirect(reverse("organisations:new"))
