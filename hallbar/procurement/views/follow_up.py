"""Contract follow-up: the plan of checks of a contract, their outcomes, and the list of all checks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView, FormView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.forms import add_errors
from hallbar.web.mixins import (
    ChangeCheckMixin,
    ChildCreateMixin,
    EditPageMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import queries, services
from ..exports import CHECK_COLUMNS
from ..forms import ContractCheckForm, OutcomeForm
from ..models import ContractCheck, Procurement


class CheckListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "procurement/check_list.html"
    context_object_name = "checks"
    paginate_by = 50
    export_filename = "contract-follow-up"
    export_title = gettext_lazy("Contract follow-up")
    export_columns = CHECK_COLUMNS

    def get_queryset(self):
        self.outcome = self.request.GET.get("outcome", "")
        if self.outcome not in ContractCheck.Outcome.values:
            self.outcome = ""
        self.overdue = self.request.GET.get("overdue") == "on"
        return queries.follow_up_list(
            self.scope, outcome=self.outcome, overdue_on=timezone.localdate() if self.overdue else None
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcomes=ContractCheck.Outcome.choices, outcome=self.outcome, overdue=self.overdue, **kwargs
        )


class CheckFormMixin:
    form_class = ContractCheckForm

    def save(self, form):
        return services.save_check(form.instance)


class CheckCreateView(CheckFormMixin, ChildCreateMixin, FormView):
    model = Procurement
    submit_label = gettext_lazy("Add to the follow-up plan")
    unit_field = None

    def get_page_title(self) -> str:
        return _("Plan a check of “%(procurement)s”") % {"procurement": self.parent}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "procurement": self.parent, "instance": ContractCheck()}

    def get_success_url(self) -> str:
        return f"{self.parent.get_absolute_url()}#follow-up"


class CheckUpdateView(EditPageMixin, CheckFormMixin, ChangeCheckMixin, ScopedObjectMixin, UpdateView):
    model = ContractCheck
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "procurement": self.object.procurement}

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class OutcomeView(FormPageMixin, ScopedObjectMixin, SingleObjectMixin, FormView):
    """Record the outcome of a check; a deviation raises a nonconformity."""

    model = ContractCheck
    form_class = OutcomeForm
    object_permission = Permission.CHANGE
    submit_label = gettext_lazy("Record the outcome")

    def check_permission(self) -> None:
        super().check_permission()
        self.object = self.get_object()

    def get_page_title(self) -> str:
        return _("Outcome of “%(check)s”") % {"check": self.object}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def get_initial(self):
        check = self.object
        return {"checked_on": check.checked_on or timezone.localdate(), "findings": check.findings}

    def form_valid(self, form):
        check = self.object
        try:
            nonconformity = services.record_outcome(check, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        if nonconformity is None:
            messages.success(self.request, _("The outcome was recorded."))
        else:
            messages.warning(
                self.request,
                _("The outcome was recorded, and the deviation is nonconformity %(reference)s.")
                % {"reference": nonconformity.reference},
            )
        return HttpResponseRedirect(check.get_absolute_url())


class CheckDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = ContractCheck
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    delete_object = staticmethod(services.delete_check)

    def get_success_url(self) -> str:
        return f"{self.object.procurement.get_absolute_url()}#follow-up"
