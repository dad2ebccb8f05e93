"""Climate status: emission history, budget status, comparison and the consumption perspective."""

from datetime import date

from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from hallbar.climate import status as figures
from hallbar.web.mixins import OrganisationRequiredMixin

from ... import queries
from . import charts


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
        area = figures.area_for(self.organisation)
        context["area"] = area
        if area is None:
            return context
        year = date.today().year
        method = queries.method_for(self.organisation)
        history = figures.history(area)
        reference = figures.municipalities()
        found = figures.areas(method, area, year, reference)
        context.update(
            method=method,
            method_url=method_url(method),
            history=history,
            history_chart=charts.history_chart(area, history) if history else None,
            found=found,
            consumption=figures.consumption(area, reference),
            footprint=figures.own_footprint(self.scope, self.organisation),
        )
        if found is not None:
            status = figures.status(found)
            rows, per_resident_year = figures.comparison_rows(found)
            context.update(
                status=status,
                budget_chart=charts.budget_chart(area, status),
                comparison=rows,
                per_resident_year=per_resident_year,
                per_resident_chart=charts.per_resident_chart(found),
            )
            if area.is_county:
                context["municipalities"], _year = figures.county_municipalities(found, area.county)
        return context
