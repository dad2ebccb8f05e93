"""What is recorded on a review: its conclusions, its decisions and the actions decided."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, FormView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import (
    ChangeCheckMixin,
    ChildCreateMixin,
    EditPageMixin,
    FormPageMixin,
    ScopedObjectMixin,
    units_for,
)

from .. import services
from ..forms import ConclusionsForm, DecisionForm, ReviewActionForm
from ..models import Decision, ManagementReview
from .common import LockAwareMixin, require_open


class ReviewChildMixin(LockAwareMixin, ChildCreateMixin):
    """A page under a review (``pk``) that adds to it; refused once the review is approved."""

    model = ManagementReview

    def check_permission(self) -> None:
        super().check_permission()
        require_open(self.parent)

    def get_success_url(self) -> str:
        return f"{self.parent.get_absolute_url()}#{self.anchor}"


class ConclusionsView(LockAwareMixin, FormPageMixin, ScopedObjectMixin, FormView):
    model = ManagementReview
    object_permission = Permission.CHANGE
    form_class = ConclusionsForm
    template_name = "reviews/conclusions_form.html"

    def check_permission(self) -> None:
        super().check_permission()
        self.review = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.scope.require(self.object_permission, self.review)
        require_open(self.review)

    def get_page_title(self) -> str:
        return _("Conclusions: %(review)s") % {"review": self.review}

    def get_cancel_url(self) -> str:
        return self.review.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.review}

    def form_valid(self, form):
        try:
            services.save_conclusions(self.review, **form.conclusions())
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The conclusions were saved."))
        return HttpResponseRedirect(f"{self.review.get_absolute_url()}#conclusions")


# Decisions ---------------------------------------------------------------------------------------------


class DecisionCreateView(ReviewChildMixin, CreateView):
    form_class = DecisionForm
    page_title = gettext_lazy("New decision")
    anchor = "decisions"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.parent}

    def save(self, form):
        return services.save_decision(form.instance)


class DecisionMixin(LockAwareMixin, ScopedObjectMixin):
    model = Decision
    object_permission = Permission.CHANGE

    def get_queryset(self):
        return super().get_queryset().select_related("review")

    def get_object(self, queryset=None):
        decision = super().get_object(queryset)
        require_open(decision.review)
        return decision

    def get_success_url(self) -> str:
        return f"{self.object.review.get_absolute_url()}#decisions"


class DecisionUpdateView(DecisionMixin, EditPageMixin, ChangeCheckMixin, UpdateView):
    form_class = DecisionForm
    unit_field = None

    def get_page_title(self) -> str:
        return _("Edit the decision")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.object.review}

    def save(self, form):
        return services.save_decision(form.instance)


class DecisionDeleteView(DecisionMixin, DeleteView):
    template_name = "web/confirm_delete.html"

    def form_valid(self, form):
        self.object = self.get_object()
        try:
            services.delete_decision(self.object)
        except ValidationError as error:
            for text in error.messages:
                messages.error(self.request, text)
        else:
            messages.success(self.request, _("The decision was deleted."))
        return HttpResponseRedirect(self.get_success_url())


# Actions -----------------------------------------------------------------------------------------------------


class ActionCreateView(ReviewChildMixin, CreateView):
    """A new action decided at the review: the one action model, with the review as its reason."""

    form_class = ReviewActionForm
    page_title = gettext_lazy("New action from the review")
    page_intro = gettext_lazy(
        "The action is followed up with the organisation's other actions; its progress shows on the review."
    )
    anchor = "actions"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation, "units": units_for(self)}

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.add_action(self.parent, **fields)
