"""Kolada pages: overview and fetch status, KPI catalogue and detail, comparison group settings."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView, View

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.indicators.models import Indicator
from hallbar.web.mixins import OrganisationRequiredMixin

from . import services
from .forms import GROUP_CHOICES_LIMIT, GroupForm, MunicipalitiesForm
from .models import FetchStatus, Kpi, KpiValue, MunicipalityGroup
from .queries import own_code, peer_codes, peer_comparison, peer_group_of, peer_members

#: Who may choose the comparison group and press "Fetch now": administrators and coordinators.
MANAGE = Permission.MANAGE_FOLLOW_UP
PAGE_SIZE = 50


class KoladaMixin(OrganisationRequiredMixin):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.scope.has(MANAGE, organisation_id=self.organisation.pk)
        context["own_code"] = own_code(self.organisation)
        return context


class KoladaIndexView(KoladaMixin, TemplateView):
    template_name = "kolada/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicators = list(
            Indicator.objects.filter(organisation=self.organisation).exclude(kolada_kpi="").order_by("title", "pk")
        )
        kpis = Kpi.objects.in_bulk({i.kolada_kpi.strip().upper() for i in indicators})
        for indicator in indicators:
            indicator.kpi = kpis.get(indicator.kolada_kpi.strip().upper())
        group = peer_group_of(self.organisation)
        context.update(
            indicators=indicators,
            status=FetchStatus.objects.filter(organisation=self.organisation).first(),
            peer_group=group,
            peer_count=len(peer_codes(group, exclude=context["own_code"])),
        )
        return context


class FetchNowView(OrganisationRequiredMixin, View):
    """POST: enqueue a fetch of this organisation's linked KPIs (the page shows the outcome)."""

    permission = MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from .tasks import refresh_organisation_values

        services.request_fetch(self.organisation)
        organisation_id = self.organisation.pk
        transaction.on_commit(lambda: refresh_organisation_values.enqueue(organisation_id))
        messages.success(
            request,
            _("Fetching from Kolada has started. It runs in the background; reload this page in a minute to see it."),
        )
        return HttpResponseRedirect(reverse("kolada:index"))


class KpiListView(ExportMixin, OrganisationRequiredMixin, ListView):
    template_name = "kolada/kpi_list.html"
    context_object_name = "kpis"
    paginate_by = PAGE_SIZE
    export_filename = "kolada-kpis"
    export_title = gettext_lazy("Kolada KPI catalogue")
    export_columns = [
        ExportColumn(gettext_lazy("Kolada id"), "id", width=10),
        ExportColumn(gettext_lazy("title"), "title", width=60),
        ExportColumn(gettext_lazy("operating area"), "operating_area", width=30),
        ExportColumn(gettext_lazy("divided by gender"), "is_divided_by_gender", width=10),
        ExportColumn(gettext_lazy("reported for"), "get_municipality_type_display", width=20),
    ]

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:200]
        self.area = self.request.GET.get("area", "").strip()
        kpis = Kpi.objects.only("id", "title", "operating_area", "is_divided_by_gender", "municipality_type")
        if self.query:
            condition = Q(title__icontains=self.query) | Q(description__icontains=self.query)
            condition |= Q(id__iexact=self.query) | Q(id__istartswith=self.query)
            kpis = kpis.filter(condition)
        if self.area:
            kpis = kpis.filter(operating_area=self.area)
        return kpis.order_by("id")

    def get_context_data(self, **kwargs):
        areas = Kpi.objects.exclude(operating_area="").order_by("operating_area")
        return super().get_context_data(
            query=self.query,
            area=self.area,
            areas=list(areas.values_list("operating_area", flat=True).distinct()),
            searched=bool(self.query or self.area),
            **kwargs,
        )


class KpiDetailView(KoladaMixin, DetailView):
    model = Kpi
    pk_url_kwarg = "kpi_id"
    template_name = "kolada/kpi_detail.html"
    context_object_name = "kpi"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kpi = self.object
        indicators = [
            indicator
            for indicator in Indicator.objects.filter(organisation=self.organisation, kolada_kpi__iexact=kpi.id)
            if indicator.kolada_kpi.strip().upper() == kpi.id
        ]
        direction = indicators[0].direction if indicators else None
        code = context["own_code"]
        group = peer_group_of(self.organisation)
        codes = peer_codes(group, exclude=code)
        genders = [KpiValue.Gender.TOTAL]
        if kpi.is_divided_by_gender:
            genders += [KpiValue.Gender.WOMEN, KpiValue.Gender.MEN]
        comparisons = []
        if code:
            for gender in genders:
                comparisons.append(
                    {
                        "gender": gender,
                        "gender_label": KpiValue.Gender(gender).label,
                        "rows": peer_comparison(kpi.id, code, codes, direction, gender),
                        "direction": direction,
                    }
                )
        context.update(indicators=indicators, peer_group=group, peer_count=len(codes), comparisons=comparisons)
        return context


class PeerGroupView(KoladaMixin, TemplateView):
    """The comparison group: shown to everyone, changed by those with ``MANAGE``."""

    template_name = "kolada/peer_group.html"

    def dispatch(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()[:100]
        return super().dispatch(request, *args, **kwargs)

    def groups_to_offer(self, current):
        groups = MunicipalityGroup.objects.order_by("title")
        if self.query:
            groups = groups.filter(Q(title__icontains=self.query) | Q(id__iexact=self.query))
        else:
            code = own_code(self.organisation)
            groups = groups.filter(members__code=code) if code else groups.none()
        offered = list(groups[:GROUP_CHOICES_LIMIT])
        if current is not None and current not in offered:
            offered.insert(0, current)
        return offered

    def get_context_data(self, group_form=None, municipalities_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        group = peer_group_of(self.organisation)
        context.update(
            peer_group=group,
            members=peer_members(group, exclude=context["own_code"]),
            query=self.query,
        )
        if context["can_manage"]:
            current = group.kolada_group if group else None
            offered = self.groups_to_offer(current)
            context["group_form"] = group_form or GroupForm(
                groups=offered, initial={"kolada_group": current.pk if current else None}
            )
            context["offered_count"] = len(offered) - (1 if current is not None and self.query else 0)
            chosen = list(group.municipalities.values_list("pk", flat=True)) if group else []
            context["municipalities_form"] = municipalities_form or MunicipalitiesForm(
                initial={"municipalities": chosen}
            )
        return context

    def post(self, request, *args, **kwargs):
        self.scope.require(MANAGE, organisation_id=self.organisation.pk)
        action = request.POST.get("action")
        if action == "group":
            group = peer_group_of(self.organisation)
            form = GroupForm(request.POST, groups=self.groups_to_offer(group.kolada_group if group else None))
            if form.is_valid():
                services.set_peer_group(self.organisation, kolada_group=form.cleaned_data["kolada_group"])
                messages.success(request, _("The comparison group was saved."))
                return HttpResponseRedirect(reverse("kolada:peers"))
            return self.render_to_response(self.get_context_data(group_form=form))
        if action == "municipalities":
            form = MunicipalitiesForm(request.POST)
            if form.is_valid():
                services.set_peer_group(self.organisation, municipalities=form.cleaned_data["municipalities"])
                messages.success(request, _("The comparison group was saved."))
                return HttpResponseRedirect(reverse("kolada:peers"))
            return self.render_to_response(self.get_context_data(municipalities_form=form))
        messages.error(request, _("Nothing was saved: the form sent was not recognised. Please try again."))
        return HttpResponseRedirect(reverse("kolada:peers"))
