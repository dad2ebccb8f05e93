"""Building blocks shared by the action views: saving through the services, unit checks."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from hallbar.accounts.roles import Permission


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


class ServiceSaveMixin:
    """``form_valid`` that checks the object may be changed where it will be, then calls ``save(form)``.

    ``save`` (defined by each view) writes through the app's services; a ValidationError they raise
    goes back onto the form and nothing is written.
    """

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
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class MayCreateMixin:
    """Creating needs a unit to create in: editors of a unit may create there (unlike organisation-wide
    pages, which need the permission on the whole organisation)."""

    def check_permission(self) -> None:
        super().check_permission()
        if not self.scope.changeable_units(self.organisation.pk).exists():
            self.scope.require(Permission.CHANGE, organisation_id=self.organisation.pk)


def may_create(view) -> bool:
    return view.scope.changeable_units(view.organisation.pk).exists()
