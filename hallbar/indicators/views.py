"""Indicator definitions and values: thin views on the scoped mixins."""

from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.kolada.queries import comparison_for
from hallbar.plans.models import Target
from hallbar.web.mixins import (
    ChangeCheckMixin,
    ChildCreateMixin,
    EditPageMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    may_create,
    units_for,
)

from .charts import indicator_chart
from .forms import IndicatorForm, IndicatorValueForm
from .models import Indicator, IndicatorValue
from .periods import yearly_series
from .queries import assess_targets, reporting_units, values_table


class IndicatorListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "indicators/indicator_list.html"
    context_object_name = "indicators"
    paginate_by = 50
    export_filename = "indicators"
    export_title = gettext_lazy("Indicators")
    export_columns = [
        ExportColumn(gettext_lazy("title"), "title", width=40),
        ExportColumn(gettext_lazy("unit of measurement"), "unit", width=20),
        ExportColumn(gettext_lazy("desired direction"), "get_direction_display", width=18),
        ExportColumn(gettext_lazy("frequency"), "get_frequency_display", width=14),
        ExportColumn(gettext_lazy("latest year"), "latest_year", "number", 10),
        ExportColumn(gettext_lazy("targets"), "target_count", "number", 10),
        ExportColumn(
            gettext_lazy("responsible unit"),
            lambda row: row.responsible_unit.name if row.responsible_unit else gettext_lazy("The whole organisation"),
            width=28,
        ),
        ExportColumn(gettext_lazy("Kolada KPI"), "kolada_kpi", width=12),
        ExportColumn(gettext_lazy("source"), "source", width=24),
        ExportColumn(gettext_lazy("id"), "pk", "number", 8),
    ]

    def get_queryset(self):
        indicators = self.scope.in_focus(self.scope.filter(Indicator.objects.select_related("responsible_unit")))
        self.query = self.request.GET.get("q", "").strip()
        if self.query:
            indicators = indicators.filter(
                Q(title__icontains=self.query) | Q(description__icontains=self.query) | Q(kolada_kpi__iexact=self.query)
            )
        return indicators.annotate(
            latest_year=Max("values__year"), target_count=Count("targets", distinct=True)
        ).order_by("title", "pk")

    def get_context_data(self, **kwargs):
        can_create = self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk)
        return super().get_context_data(can_create=can_create, query=self.query, **kwargs)


class IndicatorDetailView(ScopedObjectMixin, DetailView):
    model = Indicator
    template_name = "indicators/indicator_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("responsible_unit")

    def get_context_data(self, **kwargs):
        indicator = self.object
        units = reporting_units(indicator)
        unit = None
        if unit_id := self.request.GET.get("unit", ""):
            unit = get_object_or_404(units, pk=unit_id) if unit_id.isdigit() else None
        # Read and computed only when the page's cached fragments are not there (see the template).
        values = SimpleLazyObject(lambda: self.values_with_rights(unit))
        return super().get_context_data(
            values=values,
            analysis=SimpleLazyObject(lambda: self.analysis(unit, values)),
            units=units,
            shown_unit=unit,
            can_change=self.scope.has(Permission.CHANGE, indicator),
            can_add_values=may_create(self),
            **kwargs,
        )

    def values_with_rights(self, unit) -> list:
        values = values_table(self.object, unit)
        for value in values:
            value.can_change = self.scope.has(Permission.CHANGE, value)
        return values

    def analysis(self, unit, values) -> dict:
        """The targets with their status, the chart and the peer comparison."""
        indicator = self.object
        series = yearly_series((value.year, value.period, value.value) for value in values)
        targets = list(Target.objects.filter(indicator=indicator).select_related("goal__plan").order_by("pk"))
        # The status always follows the whole-organisation values; those are already read unless a unit is shown.
        statuses = assess_targets(targets, {indicator.pk: series} if unit is None else None)
        for target in targets:
            target.assessment = statuses.get(target.pk)
        peers = None
        if indicator.kolada_kpi and unit is None:
            peers = comparison_for(self.organisation, indicator.kolada_kpi, indicator.direction)
        chart = indicator_chart(
            indicator,
            series,
            targets if unit is None else (),
            peers["rows"] if peers else None,
            title=_("%(indicator)s, %(whose)s")
            % {"indicator": indicator.title, "whose": unit.name if unit else _("the whole organisation")},
        )
        return {"targets": targets, "chart": chart, "peers": peers}


class IndicatorFormMixin(ResponsibleUnitFormMixin):
    model = Indicator
    form_class = IndicatorForm


class IndicatorCreateView(IndicatorFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New indicator")
    cancel_url = reverse_lazy("indicators:list")


class IndicatorUpdateView(EditPageMixin, IndicatorFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class IndicatorDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Indicator
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("indicators:list")


# Values ---------------------------------------------------------------------------------------------


class ValueCreateView(ChildCreateMixin, CreateView):
    """Add a value: anyone who may change the unit it is for (or the whole organisation)."""

    model = Indicator  # the parent named in the URL
    form_class = IndicatorValueForm
    parent_permission = Permission.VIEW
    unit_field = "unit"
    page_title = gettext_lazy("New value")

    def get_page_title(self) -> str:
        return _("New value for %(indicator)s") % {"indicator": self.parent}

    def get_initial(self):
        unit = self.request.GET.get("unit", "")
        return {"unit": unit} if unit.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.parent, "units": units_for(self)}


class ValueUpdateView(ChangeCheckMixin, FormPageMixin, ScopedObjectMixin, UpdateView):
    model = IndicatorValue
    form_class = IndicatorValueForm
    object_permission = Permission.CHANGE
    unit_field = "unit"

    def get_queryset(self):
        return super().get_queryset().select_related("indicator", "unit")

    def get_form_kwargs(self):
        units = units_for(self, self.object.unit)
        return {**super().get_form_kwargs(), "indicator": self.object.indicator, "units": units}

    def get_page_title(self) -> str:
        return _("Edit the value for %(period)s") % {"period": self.object.period_label}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


class ValueDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = IndicatorValue
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return self.object.indicator.get_absolute_url()
