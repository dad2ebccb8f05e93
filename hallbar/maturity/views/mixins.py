"""What the pages that change one assessment share: found through the scope, CHANGE checked, drafts only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import ScopedQuerysetMixin

from .. import services
from ..models import Assessment


class AssessmentChangeMixin(ScopedQuerysetMixin):
    """``self.object``: the assessment named by ``pk`` (another organisation's is 404), which the user
    must be allowed to change (unit-aware)."""

    model = Assessment

    def check_permission(self) -> None:
        super().check_permission()
        assessments = self.get_queryset().select_related("organisation", "unit")
        self.object = get_object_or_404(assessments, pk=self.kwargs["pk"])
        self.scope.require(Permission.CHANGE, self.object)

    def get_object(self, queryset=None):
        return self.object


class DraftRequiredMixin:
    """A completed assessment is not changed: the user goes back to its page with the reason why
    (``guard`` is the service rule that refuses)."""

    guard = staticmethod(services.require_changeable)

    def refused(self):
        try:
            self.guard(self.object)
        except ValidationError as refusal:
            messages.error(self.request, " ".join(refusal.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)
