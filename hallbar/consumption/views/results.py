"""The footprint results, the totals behind every figure, suppliers, factor sets and conversion settings."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.mixins import FilteredListMixin, FormPageMixin, OrganisationRequiredMixin

from .. import conversion, queries, services
from ..exports import SUPPLIER_COLUMNS, TOTAL_COLUMNS
from ..forms import ConsumptionSettingsForm, FootprintFilterForm
from ..models import FactorSet, Method, Recomputation, SupplierAggregate

MAX_ID = 2**63 - 1  # the largest primary key a database can hold


class FootprintFiltersMixin(FilteredListMixin):
    """The year and unit filters of the results pages."""

    filter_form_class = FootprintFilterForm

    def get_filter_form_kwargs(self):
        units = self.scope.filter(OrganisationUnit.objects.all()).order_by("path")
        return {"years": queries.years(self.scope), "units": units}

    def filters(self) -> queries.Filters:
        return queries.Filters(**self.filter_form.filters())


class SupplierFilterForm(FootprintFilterForm):
    """The year filter only: supplier totals are kept per organisation, import, year, supplier and
    account, never per unit, so a unit filter could not narrow them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]

    def filters(self) -> dict:
        return {"year": self.cleaned_data["year"]} if self.is_valid() else {}


def active_filters(filters: queries.Filters) -> str:
    """The applied year and unit filters as a query string, for links to the totals behind a figure."""
    params = {}
    if filters.year:
        params["year"] = filters.year
    if filters.unit is not None:
        params["unit"] = filters.unit.pk
    return urlencode(params)


class OverviewView(FootprintFiltersMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "consumption/overview.html"

    def get_context_data(self, **kwargs):
        filters = self.filters()
        settings = services.settings_for(self.organisation)
        indexes = [{"year": year, "index": settings.price_index.get(str(year))} for year in queries.years(self.scope)]
        result = queries.footprint(self.scope, filters)
        return super().get_context_data(
            result=result,
            methods=[{"label": Method(row["method"]).label, **row} for row in result.by_method],
            coverage=queries.climate_coverage(self.scope, self.organisation.pk, filters),
            unit_chosen=filters.unit is not None,
            recomputation=Recomputation.objects.filter(organisation=self.organisation).first(),
            unit_focused=self.scope.focus is not None,
            filter_query=active_filters(filters),
            year_query=active_filters(queries.Filters(year=filters.year)),
            unit_query=active_filters(queries.Filters(unit=filters.unit)),
            settings=settings,
            conversion=indexes,
            unit_prices=conversion.unit_price_rows(settings),
            factor_sets=FactorSet.objects.all(),
            own_factors=queries.own_factors(self.scope, self.organisation.pk),
            can_change=self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk),
            **kwargs,
        )


class TotalListView(ExportMixin, FootprintFiltersMixin, OrganisationRequiredMixin, ListView):
    """The stored totals behind a figure: rows, mapping, factor and its source."""

    template_name = "consumption/total_list.html"
    context_object_name = "totals"
    paginate_by = 100
    export_filename = "footprint-totals"
    export_title = gettext_lazy("Footprint totals")
    export_columns = TOTAL_COLUMNS

    def get_queryset(self):
        rows = queries.listed(queries.totals(self.scope, self.filters()))
        for name in ("account", "method"):
            value = self.request.GET.get(name)
            if value:
                rows = rows.filter(**{name: value})
        return self.by_mapping(rows, self.request.GET.get("mapping", "").strip()).order_by("-kg_co2e", "pk")

    @staticmethod
    def by_mapping(rows, value: str):
        """``?mapping=<id>``: the totals of that mapping. ``?mapping=none``: the totals without a mapping
        that still carry emissions (their mapping was deleted after the last computation), the overview's
        category and hotspot rows without a mapping; accounts never mapped are ``?method=unmapped``.
        Anything else that is not a number is ignored, like any bad filter value."""
        if value.lower() == "none":
            return rows.filter(mapping__isnull=True).exclude(method=Method.UNMAPPED)
        try:
            mapping_id = int(value)
        except ValueError:
            return rows
        if not 0 < mapping_id <= MAX_ID:
            return rows.none()  # a number no mapping can have (and too large for the database)
        return rows.filter(mapping_id=mapping_id)


class SupplierListView(ExportMixin, FootprintFiltersMixin, OrganisationRequiredMixin, TemplateView):
    """Suppliers of the whole organisation: filtered by year only (the unit switcher does not apply)."""

    template_name = "consumption/supplier_list.html"
    export_filename = "footprint-suppliers"
    export_title = gettext_lazy("Suppliers by emissions")
    export_columns = SUPPLIER_COLUMNS
    filter_form_class = SupplierFilterForm

    def get_filter_form_kwargs(self):
        return {"years": queries.years(self.scope), "units": OrganisationUnit.objects.none()}

    def get_export_rows(self):
        filters = self.filters()
        rows = self.scope.filter(SupplierAggregate.objects.all())
        if filters.year:
            rows = rows.filter(year=filters.year)
        return queries.supplier_totals(rows)

    def get_context_data(self, **kwargs):
        suppliers = self.get_export_rows()[:200]
        return super().get_context_data(suppliers=suppliers, **kwargs)


class FactorSetListView(OrganisationRequiredMixin, ListView):
    template_name = "consumption/factorset_list.html"
    context_object_name = "factor_sets"

    def get_queryset(self):
        return FactorSet.objects.prefetch_related("factors")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            own_factors=queries.own_factors(self.scope, self.organisation.pk),
            can_change=self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk),
            **kwargs,
        )


class SettingsView(FormPageMixin, OrganisationRequiredMixin, UpdateView):
    permission = Permission.CHANGE
    form_class = ConsumptionSettingsForm
    page_title = gettext_lazy("Currency and price-year conversion")
    page_intro = gettext_lazy(
        "Spend factors are per US dollar in their price year. Swedish spend is first brought to the price "
        "year with the price index and then converted with the exchange rate. Recompute after a change."
    )
    cancel_url = reverse_lazy("consumption:overview")
    success_url = reverse_lazy("consumption:overview")

    def get_object(self, queryset=None):
        return services.settings_for(self.organisation)

    def form_valid(self, form):
        self.object = form.save(commit=False)
        services.save_settings(self.object)
        messages.success(self.request, _("The conversion was saved. Recompute to apply it to the results."))
        return HttpResponseRedirect(self.get_success_url())
