"""Reviews: the filtered list, the review page and its PDF, start, edit, refresh inputs, status steps, delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.core.pdf import pdf_response
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FilteredListMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import presentation, queries, report, services, workflow
from ..exports import REVIEW_COLUMNS
from ..forms import ReviewFilterForm, ReviewForm
from ..models import ManagementReview
from .common import LockAwareMixin, require_open

PAGE_SIZE = 50


class ReviewListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "reviews/review_list.html"
    context_object_name = "reviews"
    paginate_by = PAGE_SIZE
    export_filename = "management-reviews"
    export_title = gettext_lazy("Management reviews")
    export_columns = REVIEW_COLUMNS
    filter_form_class = ReviewFilterForm

    def get_filter_form_kwargs(self):
        return {"years": queries.years(self.scope)}

    def get_queryset(self):
        return queries.review_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk),
            **kwargs,
        )


class ReviewDetailView(ScopedObjectMixin, DetailView):
    """The review: its inputs section by section with the conclusions, then the conclusions on the
    system, the decisions and the actions."""

    model = ManagementReview
    template_name = "reviews/review_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "approved_by", "created_by")

    def get_context_data(self, **kwargs):
        review = self.object
        can_change = self.scope.has(Permission.CHANGE, review)
        steps = [
            {"transition": step, "problems": workflow.problems(review, step.name)}
            for step in workflow.available(review)
            if workflow.may(self.scope, review, step)
        ]
        return super().get_context_data(
            sections=presentation.sections(review),
            decisions=queries.decisions_of(review),
            actions=queries.actions_of(review, self.scope),
            assembled_on=presentation.assembled_on(review),
            period=presentation.period_text(review),
            steps=steps,
            can_change=can_change and workflow.editable(review, "record"),
            can_refresh=can_change and workflow.editable(review, "inputs"),
            can_delete=can_change and workflow.editable(review, "delete"),
            **kwargs,
        )


class ReviewPdfView(ReviewDetailView):
    """The same content as the review page, as a PDF."""

    def render_to_response(self, context, **response_kwargs):
        document = report.build(self.object, context)
        return pdf_response(document, f"management-review-{slugify(self.object.title) or self.object.pk}.pdf")


class ReviewFormMixin(ChangeCheckMixin, FormPageMixin):
    model = ManagementReview
    form_class = ReviewForm
    unit_field = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}


class ReviewCreateView(ReviewFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("Start a management review")
    page_intro = gettext_lazy(
        "Starting the review assembles its inputs from the system for the period: actions, the environmental "
        "scan, obligations, aspects, risks, goals, indicators, audits, nonconformities and maturity. You can "
        "refresh them while the review is in preparation."
    )
    submit_label = gettext_lazy("Start the review")
    cancel_url = reverse_lazy("reviews:list")

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.start_review(organisation=self.organisation, user=self.request.user, **fields)


class ReviewUpdateView(LockAwareMixin, EditPageMixin, ReviewFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE

    def get_object(self, queryset=None):
        review = super().get_object(queryset)
        require_open(review)
        return review

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "period_locked": not workflow.editable(self.object, "inputs")}

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        stored = ManagementReview.objects.get(pk=self.object.pk)  # the form has already changed self.object
        return services.update_review(stored, user=self.request.user, **fields)


class ReviewPostView(LockAwareMixin, ScopedObjectMixin, SingleObjectMixin, View):
    """A button on the review page (POST only); the answer goes back to the review with a message."""

    model = ManagementReview
    object_permission = Permission.VIEW  # each button checks its own permission
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        review = self.get_object()
        try:
            message = self.act(review)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(review)


class RefreshInputsView(ReviewPostView):
    """``POST /reviews/<pk>/refresh/``: assemble the inputs again (only in preparation)."""

    def act(self, review: ManagementReview) -> str:
        self.scope.require(Permission.CHANGE, review)
        require_open(review, "inputs")
        services.refresh_inputs(review, user=self.request.user)
        return _("The inputs were assembled again from the system as it is now.")


class TransitionView(ReviewPostView):
    """``POST /reviews/<pk>/status/`` with ``transition`` = hold or approve."""

    def act(self, review: ManagementReview) -> str:
        step = workflow.TRANSITIONS.get(self.request.POST.get("transition", ""))
        if step is not None and not workflow.may(self.scope, review, step):
            raise PermissionDenied
        workflow.transition(review, step.name if step else "", user=self.request.user)
        return _("The review is now “%(status)s”.") % {"status": review.get_status_display()}


class ReviewDeleteView(LockAwareMixin, GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = ManagementReview
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("reviews:list")

    def get_object(self, queryset=None):
        review = super().get_object(queryset)
        require_open(review, "delete")
        return review

    def form_valid(self, form):
        self.object = self.get_object()
        refusal = services.deletion_refusal(self.object)
        return self.refuse(refusal) if refusal else super().form_valid(form)
