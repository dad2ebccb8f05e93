from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import ListView, TemplateView

from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.web.mixins import OrganisationRequiredMixin

from .models import ChangeRecord
from .queries import object_history


def _changed_fields(change) -> str:
    """The changed fields' names (without values, which would need a query per row to resolve)."""
    model = change.model_class
    names = []
    for name in change.changes:
        try:
            names.append(str(model._meta.get_field(name).verbose_name) if model else name)
        except FieldDoesNotExist:
            names.append(name)
    return ", ".join(names)


class ChangeLogView(ExportMixin, OrganisationRequiredMixin, ListView):
    """Who changed what, and when, across the organisation."""

    model = ChangeRecord
    export_filename = "changes"
    export_title = gettext_lazy("Change history")
    export_columns = [
        ExportColumn(gettext_lazy("when"), "created_at", "datetime", 18),
        ExportColumn(gettext_lazy("changed by"), lambda c: c.actor or gettext_lazy("the system"), width=24),
        ExportColumn(pgettext_lazy("kind of change", "change"), "get_action_display", width=12),
        ExportColumn(gettext_lazy("kind"), lambda c: capfirst(c.content_type.name), width=22),
        ExportColumn(gettext_lazy("object"), "object_repr", width=40),
        ExportColumn(gettext_lazy("changed fields"), _changed_fields, width=50),
    ]
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
