"""The questionnaire (one fieldset per question, the stages as radio buttons) and the workflow buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from hallbar.web.forms import add_errors

from .. import services
from ..forms import QuestionnaireForm
from ..matrix import load_matrix
from .mixins import AssessmentChangeMixin, DraftRequiredMixin


class QuestionnaireView(DraftRequiredMixin, AssessmentChangeMixin, FormView):
    """``Save`` keeps the assessment a draft; ``Save and complete`` also completes it, or names the
    questions still without a stage (the answers are saved either way)."""

    template_name = "maturity/questionnaire.html"
    form_class = QuestionnaireForm

    def get_form_kwargs(self):
        self.matrix = load_matrix()
        answers = {answer.dimension_id: answer for answer in self.object.answers.all()}
        return {**super().get_form_kwargs(), "matrix": self.matrix, "answers": answers}

    def get_context_data(self, **kwargs):
        return super().get_context_data(assessment=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.save_answers(self.object, form.answers(), self.matrix)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        if "complete" not in self.request.POST:
            messages.success(self.request, _("The answers were saved."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        try:
            services.complete(self.object, self.matrix)
        except services.IncompleteAssessment as refusal:
            messages.success(self.request, _("The answers were saved."))
            add_errors(form, refusal)
            form.mark_missing(refusal.missing)
            return self.form_invalid(form)
        messages.success(self.request, _("The answers were saved and the assessment is completed."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class TransitionView(AssessmentChangeMixin, View):
    """``POST`` moves the assessment along the workflow (see :mod:`hallbar.maturity.services`)."""

    http_method_names = ["post"]
    transition = ""
    done = ""

    def post(self, request, *args, **kwargs):
        try:
            getattr(services, self.transition)(self.object)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, self.done)
        return HttpResponseRedirect(self.object.get_absolute_url())


class CompleteView(TransitionView):
    transition = "complete"
    done = gettext_lazy("The assessment is completed.")


class ReopenView(TransitionView):
    transition = "reopen"
    done = gettext_lazy("The assessment is a draft again and can be changed.")
