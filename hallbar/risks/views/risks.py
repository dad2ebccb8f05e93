"""The risk register, a risk's page, create, edit, status changes, its actions and guarded delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.actions.forms import ActionForm
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    ChildCreateMixin,
    EditPageMixin,
    GuardedDeleteMixin,
    MayCreateMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    ScopedQuerysetMixin,
    may_create,
)

from .. import queries, services
from ..exports import RISK_COLUMNS
from ..forms import RiskForm
from ..models import Risk
from .filters import RiskFiltersMixin

PAGE_SIZE = 50


class RiskListView(ExportMixin, RiskFiltersMixin, OrganisationRequiredMixin, ListView):
    """The register: every risk and opportunity of the organisation, filtered."""

    template_name = "risks/risk_list.html"
    context_object_name = "risks"
    paginate_by = PAGE_SIZE
    export_filename = "risks"
    export_title = gettext_lazy("Risks and opportunities")
    export_columns = RISK_COLUMNS

    def get_queryset(self):
        return queries.risk_list(self.scope, self.filters())

    def get_export_rows(self):
        return queries.flag(self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["risks"] = context["object_list"] = queries.flag(context["object_list"])
        context.update(
            matrix=self.matrix,
            can_create=may_create(self),
            can_manage_matrix=self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk),
        )
        return context


class RiskDetailView(ScopedObjectMixin, DetailView):
    model = Risk
    template_name = "risks/risk_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("responsible_unit", "owner").prefetch_related(*services.LINKS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        risk = self.object
        matrix = queries.matrix_for(risk.organisation)
        can_change = self.scope.has(Permission.CHANGE, risk)
        queries.flag([risk])
        context.update(
            matrix=matrix,
            assessments=assessments(risk, matrix),
            actions=queries.actions_for(risk, self.scope),
            links=[(Risk._meta.get_field(name).verbose_name, getattr(risk, name).all()) for name in services.LINKS],
            can_change=can_change,
            transitions=[
                {"status": status, "label": services.TRANSITION_LABELS[status]}
                for status in services.allowed_transitions(risk)
            ]
            if can_change
            else [],
        )
        return context


def assessments(risk: Risk, matrix) -> list[dict]:
    """Before and after treatment, each level named in the organisation's words ("4 – Likely")."""
    likelihood, consequence = dict(matrix.choices("likelihood")), dict(matrix.choices("consequence"))
    return [
        {
            "name": name,
            "likelihood": likelihood.get(getattr(risk, f"{prefix}_likelihood")),
            "consequence": consequence.get(getattr(risk, f"{prefix}_consequence")),
            "level": getattr(risk, f"{prefix}_level"),
            "score": getattr(risk, f"{prefix}_score"),
        }
        for prefix, name in (("inherent", _("Before treatment")), ("residual", _("After treatment")))
    ]


class RiskFormMixin(ResponsibleUnitFormMixin):
    model = Risk
    form_class = RiskForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "matrix": queries.matrix_for(self.organisation)}

    def save(self, form):
        links = {name: form.cleaned_data[name] for name in services.LINKS}
        return services.save_risk(form.instance, **links)


class RiskCreateView(RiskFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    """``?kind=opportunity`` preselects the kind; ``?scan_item=<id>`` (from a scan item's page),
    ``?aspect=<id>`` or ``?obligation=<id>`` links the new risk to that record of the organisation
    and proposes its title."""

    page_title = gettext_lazy("New risk or opportunity")
    cancel_url = reverse_lazy("risks:list")
    PREFILL = {"scan_item": "scan_items", "aspect": "aspects", "obligation": "obligations"}

    def get_initial(self):
        initial = {}
        if self.request.GET.get("kind") in Risk.Kind.values:
            initial["kind"] = self.request.GET["kind"]
        for parameter, name in self.PREFILL.items():
            value = self.request.GET.get(parameter, "")
            if not value.isdigit():
                continue
            model = Risk._meta.get_field(name).related_model
            linked = self.scope.filter(model.objects.filter(pk=int(value))).first()
            if linked is not None:
                initial[name] = [linked.pk]
                initial.setdefault("title", str(linked)[:300])
        return initial


class RiskUpdateView(EditPageMixin, RiskFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class RiskStatusView(ScopedQuerysetMixin, View):
    """``POST /risks/<pk>/status/`` with ``status``: a step in the workflow, or a message saying why not."""

    model = Risk
    http_method_names = ["post"]

    def post(self, request, pk):
        risk = get_object_or_404(self.get_queryset(), pk=pk)
        self.scope.require(Permission.CHANGE, risk)
        try:
            services.change_status(risk, request.POST.get("status", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The status is now: %(status)s.") % {"status": risk.get_status_display()})
        return HttpResponseRedirect(risk.get_absolute_url())


class RiskActionCreateView(ResponsibleUnitFormMixin, ChildCreateMixin, CreateView):
    """A new action that treats the risk (the one action model, with the risk as its reason)."""

    model = Risk
    form_class = ActionForm
    submit_label = gettext_lazy("Add the action")

    def get_page_title(self) -> str:
        return _("New action for “%(risk)s”") % {"risk": self.parent}

    def get_initial(self):
        return {"responsible_unit": self.parent.responsible_unit_id, "contact_person": self.parent.owner_id}

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.add_action(self.parent, **fields)

    def get_success_url(self) -> str:
        return f"{self.parent.get_absolute_url()}#actions"


class RiskDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Risk
    object_permission = Permission.CHANGE
    template_name = "risks/risk_confirm_delete.html"
    success_url = reverse_lazy("risks:list")
    delete_object = staticmethod(services.delete_risk)  # also refused while actions treat it
