"""View building blocks that route every query and write through the user's Scope."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from hallbar.accounts.roles import Permission
from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.organisations.models import OrganisationUnit

from .forms import add_errors


class OrganisationRequiredMixin(LoginRequiredMixin):
    """Logged in and a member of at least one organisation; ``self.scope`` is the active scope."""

    permission = Permission.VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.scope = request.scope
        self.organisation = request.organisation
        if not self.organisation:
            if request.user.is_superuser:
                return HttpResponseRedirect(reverse("organisations:new"))
            raise PermissionDenied(
                _("You are not a member of any organisation yet. Ask the person who set up Hållbar for an invitation.")
            )
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self) -> None:
        self.scope.require(self.permission, organisation_id=self.organisation.pk)


class ScopedQuerysetMixin(OrganisationRequiredMixin):
    """``get_queryset`` only ever returns the active organisation's rows: other ids are 404."""

    model = None

    def get_queryset(self):
        return self.scope.filter(self.model._default_manager.all())


class ScopedObjectMixin(ScopedQuerysetMixin):
    """A single object, with ``object_permission`` checked against that object (unit-aware)."""

    object_permission = Permission.VIEW

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        self.scope.require(self.object_permission, obj)
        return obj


class GuardedDeleteMixin:
    """Delete through ``delete_object``: :func:`guarded_delete`, or an app's service that applies its own
    rules first. A refusal (:class:`DeletionRefused`, or a service's ValidationError) goes back to
    ``get_refused_url()`` with its message, naming what depends on the object."""

    delete_object = staticmethod(guarded_delete)

    def form_valid(self, form):
        self.object = self.get_object()
        try:
            self.delete_object(self.object)
        except DeletionRefused as refusal:
            return self.refuse(refusal.message)
        except ValidationError as refusal:
            return self.refuse(" ".join(refusal.messages))
        messages.success(self.request, _("%(object)s was deleted.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def refuse(self, message: str):
        messages.error(self.request, message)
        return HttpResponseRedirect(self.get_refused_url())

    def get_refused_url(self) -> str:
        return self.object.get_absolute_url()


class FilteredListMixin:
    """A list narrowed by a GET filter form (every field optional, a bad value is ignored).

    ``filter_form_class`` is built from the query string (unbound without one) with
    ``get_filter_form_kwargs()`` (a page with default filters overrides ``get_filter_data``); ``get_queryset``
    applies ``self.filters()``, the form's ``filters()``.
    The template gets the form as ``filter_form``; the pagination and export links keep the query
    string (``web/includes/pagination.html``, ``imports/includes/export_links.html``), so the export
    holds the same rows as the filtered page.
    """

    filter_form_class = None

    def get_filter_form_kwargs(self) -> dict:
        return {}

    def get_filter_data(self):
        return self.request.GET or None

    @cached_property
    def filter_form(self):
        return self.filter_form_class(self.get_filter_data(), **self.get_filter_form_kwargs())

    def filters(self):
        return self.filter_form.filters()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class FormPageMixin:
    """Render a form in the shared ``web/form_page.html`` with a title, intro and cancel link."""

    template_name = "web/form_page.html"
    page_title = ""
    page_intro = ""
    submit_label = None
    cancel_url = None

    def get_page_title(self) -> str:
        return self.page_title

    def get_cancel_url(self) -> str | None:
        return self.cancel_url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.get_page_title(), page_intro=self.page_intro, cancel_url=self.get_cancel_url())
        if self.submit_label:
            context["submit_label"] = self.submit_label
        return context


class EditPageMixin(FormPageMixin):
    """An edit page: titled "Edit <the object>", and Cancel goes back to the object."""

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


class ChangeCheckMixin:
    """``form_valid`` that checks the object, as it would be saved, lies within the units the user may
    change, then calls ``save(form)``: ``form.save()`` unless the view writes through a service. A
    ValidationError from ``save`` goes back onto the form, and nothing is written."""

    unit_field = "responsible_unit"

    def form_valid(self, form):
        if not self.scope.has(Permission.CHANGE, form.instance):
            field = self.unit_field if self.unit_field in form.fields else NON_FIELD_ERRORS
            form.add_error(
                None if field == NON_FIELD_ERRORS else field,
                _("You may only make it the responsibility of a unit you work in."),
            )
            return self.form_invalid(form)
        try:
            self.object = self.save(form)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def save(self, form):
        return form.save()


class ChildCreateMixin(ChangeCheckMixin, FormPageMixin, ScopedQuerysetMixin):
    """A create page under a parent named by ``pk`` in the URL; ``model`` is that parent's model.

    The parent is found through the scope (another organisation's is 404) and the user must be
    allowed to ``parent_permission`` it (unit-aware; by default change it).
    """

    parent_permission = Permission.CHANGE

    def check_permission(self) -> None:
        super().check_permission()
        self.parent = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.scope.require(self.parent_permission, self.parent)

    def get_cancel_url(self) -> str:
        return self.parent.get_absolute_url()


class ResponsibleUnitFormMixin(ChangeCheckMixin, FormPageMixin):
    """The create/edit form of an organisation's object with a responsible unit: the form gets the
    organisation and the units the user may make responsible (plus the object's current one)."""

    def get_form_kwargs(self):
        current = getattr(getattr(self, "object", None), "responsible_unit", None)
        return {**super().get_form_kwargs(), "organisation": self.organisation, "units": units_for(self, current)}


def units_for(view, current=None):
    """Units the user may make responsible: those they may change, plus the current one."""
    condition = Q(pk__in=view.scope.changeable_units(view.organisation.pk).values("pk"))
    if current is not None:
        condition |= Q(pk=current.pk)
    return OrganisationUnit.objects.filter(condition).order_by("path")


def organisation_units(view, active_only=False):
    """The units of the active organisation in tree order, for the filters (only the active ones if asked)."""
    units = OrganisationUnit.objects.filter(organisation=view.organisation)
    return (units.filter(is_active=True) if active_only else units).order_by("path")


def may_create(view) -> bool:
    """Whether the user may create something in at least one unit, or for the whole organisation."""
    organisation_id = view.organisation.pk
    return view.scope.has(Permission.CHANGE, organisation_id=organisation_id) or (
        view.scope.changeable_units(organisation_id).exists()
    )


class MayCreateMixin:
    """Creating needs a place to create in: editors of a unit may create there (unlike organisation-wide
    pages, which need the permission on the whole organisation)."""

    def check_permission(self) -> None:
        super().check_permission()
        if not may_create(self):
            raise PermissionDenied
