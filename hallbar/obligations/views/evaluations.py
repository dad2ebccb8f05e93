"""Recording an evaluation of an obligation, the evaluation's page, and raising a nonconformity
from a partly met evaluation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView

from hallbar.accounts.roles import Permission
from hallbar.nonconformities.queries import for_source
from hallbar.web.mixins import ChildCreateMixin, ScopedObjectMixin, ScopedQuerysetMixin

from .. import services
from ..forms import EvaluationForm
from ..models import Evaluation, Obligation


class EvaluationCreateView(ChildCreateMixin, CreateView):
    """``/obligations/<pk>/evaluate/``: the parent is the obligation (change permission on it)."""

    model = Obligation
    form_class = EvaluationForm
    template_name = "obligations/evaluation_form.html"
    submit_label = gettext_lazy("Record the evaluation")

    def check_permission(self) -> None:
        super().check_permission()
        if self.parent.status != Obligation.Status.ACTIVE:
            raise PermissionDenied(_("A repealed obligation is not evaluated. Make it active again first."))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return {**kwargs, "obligation": self.parent, "user": self.request.user}

    def get_page_title(self) -> str:
        return _("Evaluate compliance: %(obligation)s") % {"obligation": self.parent}

    def get_context_data(self, **kwargs):
        return super().get_context_data(parent=self.parent, **kwargs)

    def save(self, form):
        data = form.cleaned_data
        evidence = [data["evidence"]] if data.get("evidence") else []
        evaluation = services.record_evaluation(
            self.parent,
            evaluator=data["evaluator"],
            result=data["result"],
            date=data["date"],
            findings=data["findings"],
            next_evaluation_date=data["next_evaluation_date"],
            evidence=evidence,
            recorded_by=self.request.user,
        )
        if evaluation.result in services.RAISED_AT_ONCE:
            messages.warning(self.request, _("The requirement is not met: a nonconformity was raised."))
        return evaluation

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class EvaluationDetailView(ScopedObjectMixin, DetailView):
    model = Evaluation
    template_name = "obligations/evaluation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("obligation__responsible_unit", "evaluator")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = services.can_change(self.scope, self.object)
        context.update(
            can_change=can_change,
            may_raise=can_change
            and services.may_raise_nonconformity(self.object)
            and not for_source(self.object).exists(),
        )
        return context


class RaiseNonconformityView(ScopedQuerysetMixin, View):
    """``POST /obligations/evaluations/<pk>/nonconformity/``: raise (or find) the evaluation's
    nonconformity; for partly met evaluations, where it is offered rather than raised at once."""

    model = Evaluation
    http_method_names = ["post"]

    def post(self, request, pk):
        evaluation = get_object_or_404(self.get_queryset().select_related("obligation"), pk=pk)
        self.scope.require(Permission.CHANGE, evaluation)
        try:
            services.raise_nonconformity_for(evaluation, reported_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A nonconformity was raised from the evaluation."))
        return HttpResponseRedirect(evaluation.get_absolute_url())
