"""Building blocks shared by the audit pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from hallbar.web.forms import add_errors
from hallbar.web.mixins import GuardedDeleteMixin

from .. import services


class ServiceFormMixin:
    """``form_valid`` for the auditors' pages (checklist questions, findings): they write with
    ``WRITE_FINDINGS``, checked when the page is opened, rather than the ``CHANGE`` that
    :class:`~hallbar.web.mixins.ChangeCheckMixin` checks. ``save(form)`` writes through a service;
    its ValidationError goes back onto the form."""

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())


class RuleCheckedDeleteMixin(GuardedDeleteMixin):
    """A guarded delete that first applies the audit rules (:func:`hallbar.audits.services.deletion_refusal`)."""

    def form_valid(self, form):
        self.object = self.get_object()
        refusal = services.deletion_refusal(self.object)
        return self.refuse(refusal) if refusal else super().form_valid(form)
