"""Climate status: emission history, budget status, comparison and the consumption perspective."""

from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from hallbar.climate import status as figures
from hallbar.climate import status_charts as charts
from hallbar.organisations.models import Organisation
from hallbar.web.mixins import OrganisationRequiredMixin


def method_url(method) -> str | None:
    """The method page (views/methods.py) when it exists."""
    try:
        return reverse("climate:method-detail", args=[method.pk])
    except NoReverseMatch:
        return None


class StatusView(OrganisationRequiredMixin, TemplateView):
    template_name = "climate/status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = figures.municipalities()
        found = figures.overview(self.organisation, reference)
        context["area"] = found.area if found else None
        if found is None:
            return context
        area, status = found.area, found.status
        context.update(
            method=found.method,
            method_url=method_url(found.method),
            history=found.history,
            history_chart=charts.history_chart(area, found.history) if found.history else None,
            found=found.found,
            consumption=figures.consumption(area, reference),
            footprint=figures.own_footprint(self.scope, self.organisation),
            # The record the portal publishes as the climate figures (the request's organisation is a lazy stand-in).
            climate_figures=Organisation.objects.get(pk=self.organisation.pk),
        )
        if status is not None:
            rows, per_resident_year = figures.comparison_rows(found.found)
            context.update(
                status=status,
                budget_chart=charts.budget_chart(area, status),
                comparison=rows,
                per_resident_year=per_resident_year,
                per_resident_chart=charts.per_resident_chart(found.found),
            )
            if area.is_county:
                context["municipalities"], _year = figures.county_municipalities(found.found, area.county)
        return context
