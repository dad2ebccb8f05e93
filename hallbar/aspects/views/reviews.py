"""Reviews of the register: the list with when each part is next due, and recording a review."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, ListView

from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import MayCreateMixin, OrganisationRequiredMixin, may_create

from .. import queries, services
from ..exports import REVIEW_COLUMNS
from ..forms import ReviewForm, UnitFilterForm
from ..models import AspectReview
from .common import UnitFiltersMixin, UnitFormMixin


class ReviewListView(ExportMixin, UnitFiltersMixin, OrganisationRequiredMixin, ListView):
    template_name = "aspects/review_list.html"
    context_object_name = "reviews"
    export_filename = "aspect-reviews"
    export_title = gettext_lazy("Reviews of the aspects register")
    export_columns = REVIEW_COLUMNS

    filter_form_class = UnitFilterForm

    def get_queryset(self):
        reviews = queries.review_list(self.scope)
        unit = self.filters().get("unit")
        return reviews.filter(unit__path__startswith=unit.path) if unit is not None else reviews

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review=queries.review_status(self.organisation),
            can_create=may_create(self),
            **kwargs,
        )


class ReviewCreateView(UnitFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    model = AspectReview
    form_class = ReviewForm
    page_title = gettext_lazy("Record a review of the aspects register")
    page_intro = gettext_lazy(
        "Record that the register, or one unit's part of it, has been gone through: are the activities and "
        "aspects complete and current, are the scorings still right, and are the significant aspects handled?"
    )
    cancel_url = reverse_lazy("aspects:review-list")
    success_url = reverse_lazy("aspects:review-list")

    def get_initial(self):
        return {"reviewed_by": self.request.user.pk}

    def save(self, form):
        return services.record_review(form.instance)
