from django.views.generic import ListView, TemplateView

from hallbar.web.mixins import OrganisationRequiredMixin

from .models import ChangeRecord
from .queries import object_history


class ChangeLogView(OrganisationRequiredMixin, ListView):
    """Who changed what, and when, across the organisation."""

    model = ChangeRecord
    paginate_by = 50
    template_name = "history/log.html"
    context_object_name = "changes"

    def get_queryset(self):
        changes = self.scope.filter(ChangeRecord.objects.select_related("actor", "content_type"))
        action = self.request.GET.get("action")
        if action in ChangeRecord.Action.values:
            changes = changes.filter(action=action)
        return changes

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actions=ChangeRecord.Action.choices, chosen_action=self.request.GET.get("action", ""), **kwargs
        )


class ObjectHistoryView(OrganisationRequiredMixin, TemplateView):
    template_name = "history/object.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, changes = object_history(self.scope, self.kwargs["label"], self.kwargs["pk"])
        context.update(object=obj, changes=changes, detailed=True)
        return context
