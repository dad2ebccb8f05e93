"""Aspects: create under an activity, the aspect's page, edit, guarded delete, and the scoring form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, FormView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.actions.queries import actions_for
from hallbar.web.forms import add_errors
from hallbar.web.mixins import (
    ChangeCheckMixin,
    ChildCreateMixin,
    EditPageMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    ScopedObjectMixin,
    ScopedQuerysetMixin,
)

from .. import queries, rules, services
from ..forms import AspectForm, ScoreForm
from ..models import Activity, Aspect

FORM_TEMPLATE = "aspects/aspect_form.html"


class AspectDetailView(ScopedObjectMixin, DetailView):
    model = Aspect
    template_name = "aspects/aspect_detail.html"

    def get_queryset(self):
        return queries.listed(super().get_queryset()).prefetch_related("goals__plan", "targets__goal")

    def get_context_data(self, **kwargs):
        aspect = self.object
        queries.assess([aspect])
        return super().get_context_data(
            scores=queries.scores_of(aspect),
            settings=queries.aspect_settings(aspect.activity.organisation),
            actions=actions_for(aspect, self.scope),
            can_change=self.scope.has(Permission.CHANGE, aspect),
            **kwargs,
        )


class AspectSaveMixin(ChangeCheckMixin):
    form_class = AspectForm
    template_name = FORM_TEMPLATE

    def save(self, form):
        data = form.cleaned_data
        return services.save_aspect(form.instance, goals=data["goals"], targets=data["targets"])


class AspectCreateView(AspectSaveMixin, ChildCreateMixin, CreateView):
    model = Activity  # the parent named in the URL

    def get_page_title(self) -> str:
        return _("New aspect of %(activity)s") % {"activity": self.parent}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "activity": self.parent}


class AspectUpdateView(EditPageMixin, AspectSaveMixin, ScopedObjectMixin, UpdateView):
    model = Aspect
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "activity": self.object.activity}


class AspectDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    """Deleting refuses, naming them, while actions or risks link to the aspect (``Aspect.delete``)."""

    model = Aspect
    object_permission = Permission.CHANGE
    template_name = "aspects/aspect_confirm_delete.html"

    def get_success_url(self) -> str:
        return self.object.activity.get_absolute_url()


class AspectScoreView(FormPageMixin, ScopedQuerysetMixin, FormView):
    """Score an aspect: one row of choices from 1 to 5 per active criterion, and the rationale."""

    model = Aspect
    form_class = ScoreForm
    template_name = "aspects/score_form.html"
    submit_label = gettext_lazy("Save the scoring")

    def check_permission(self) -> None:
        super().check_permission()
        self.aspect = get_object_or_404(self.get_queryset().select_related("activity__unit"), pk=self.kwargs["pk"])
        self.scope.require(Permission.CHANGE, self.aspect)
        self.settings = services.ensure_settings(self.organisation)

    def get_form_kwargs(self):
        current = {score.criterion_id: score.score for score in self.aspect.scores.all()}
        return {
            **super().get_form_kwargs(),
            "criteria": services.active_criteria(self.organisation),
            "current": current,
            "rationale": self.aspect.rationale,
        }

    def get_page_title(self) -> str:
        return _("Score the significance of %(aspect)s") % {"aspect": self.aspect}

    def get_cancel_url(self) -> str:
        return self.aspect.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(aspect=self.aspect, settings=self.settings, **kwargs)

    def form_valid(self, form):
        try:
            assessment = services.score_aspect(
                self.aspect, form.scores(), rationale=form.cleaned_data["rationale"], user=self.request.user
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        if assessment.significant:
            messages.success(self.request, _("The scoring was saved. The aspect is significant."))
        else:
            messages.success(self.request, _("The scoring was saved. The aspect is not significant."))
        if rules.needs_handling(self.aspect):
            messages.warning(self.request, rules.UNHANDLED_MESSAGE)
            return HttpResponseRedirect(self.aspect.get_absolute_url() + "#handling")
        return HttpResponseRedirect(self.aspect.get_absolute_url())
