"""The contracted suppliers of a procurement: added and removed from the procurement page."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView, FormView

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import ChildCreateMixin, ScopedObjectMixin

from .. import services
from ..forms import SupplierForm
from ..models import ContractedSupplier, Procurement


class SupplierCreateView(ChildCreateMixin, FormView):
    model = Procurement
    form_class = SupplierForm
    submit_label = gettext_lazy("Add the supplier")
    unit_field = None
    page_intro = gettext_lazy(
        "The consumption footprint counts the invoice lines of this organisation number as spend under this "
        "contract while the contract runs."
    )

    def get_page_title(self) -> str:
        return _("Add a contracted supplier to “%(procurement)s”") % {"procurement": self.parent}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "procurement": self.parent, "instance": ContractedSupplier()}

    def save(self, form):
        return services.save_supplier(form.instance)

    def get_success_url(self) -> str:
        return f"{self.parent.get_absolute_url()}#suppliers"


class SupplierDeleteView(ScopedObjectMixin, DeleteView):
    model = ContractedSupplier
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def form_valid(self, form):
        self.object = self.get_object()
        services.delete_supplier(self.object)
        messages.success(self.request, _("%(object)s was deleted.") % {"object": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())
