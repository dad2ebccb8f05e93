"""The public pages: no login, server-rendered, cached per organisation (``cache.py``).

Every page first finds the organisation whose portal is open at the slug (else 404), then — inside the
cached part — the published record (unpublished and other organisations' records are 404). A wrong
kind prefix or title slug in the address redirects permanently to the record's current address.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hallbar.actions.models import ActionPlan
from hallbar.climate.models import ClimateBudget
from hallbar.climate.status_charts import budget_chart, history_chart
from hallbar.indicators.models import Indicator
from hallbar.plans.models import Goal, Plan

from .. import cache, pages, queries
from ..publishable import KINDS, data_url, home_url, prefix_for, public_url, title_slug


# CSRF-exempt on purpose: the public pages are cached whole for every visitor, so their language switcher
# cannot carry a visitor's CSRF token. A forged request can do no harm: this view only sets the public
# pages' own language cookie (``pages.LANGUAGE_COOKIE``) — never the session, a signed-in person's profile
# or the language cookie of the internal pages — and redirects only within the site.
@csrf_exempt
@require_POST
def language(request):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    chosen = request.POST.get("language")
    if chosen in pages.SUPPORTED:
        response.set_cookie(
            pages.LANGUAGE_COOKIE,
            chosen,
            max_age=pages.LANGUAGE_COOKIE_MAX_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
        )
    return response


class PublicView(View):
    """Read-only (other methods answer 405); ``build`` makes the response that is cached."""

    http_method_names = ["get", "head", "options"]
    model = None

    def get(self, request, **kwargs):
        request.is_public_page = True  # the page shell leaves out everything about the visitor (cached for all)
        self.organisation = queries.public_organisation(kwargs["organisation"])
        if kwargs["kind"] != prefix_for(self.organisation):
            return HttpResponsePermanentRedirect(self.canonical_path(request, kwargs))
        return pages.in_visitor_language(request, lambda: cache.cached_response(self.organisation, request, self.build))

    def canonical_path(self, request, kwargs) -> str:
        rest = request.path.split("/", 3)[3]
        return f"{home_url(self.organisation)}{rest}"

    def build(self):
        raise NotImplementedError


class PublicPageView(PublicView):
    template_name = ""

    def page(self) -> dict:
        """Template context: at least ``page_title`` and ``page_description``."""
        return {}

    def build(self):
        context = self.page()
        if "redirect" in context:
            return HttpResponsePermanentRedirect(context["redirect"])
        context.update(pages.shell_context(self.request, self.organisation))
        return TemplateResponse(self.request, self.template_name, context)


class HomeView(PublicPageView):
    template_name = "portal/public/home.html"

    def page(self) -> dict:
        content = queries.home(self.organisation)
        for key in ("plans", "goals", "indicators", "action_plans", "climate_budgets"):
            for obj in content[key]:
                obj.public_url = public_url(obj, self.organisation)
        return {
            **content,
            "climate_url": public_url(self.organisation, self.organisation) if content["climate"] else None,
            "page_title": _("Sustainability work in %(organisation)s") % {"organisation": self.organisation.name},
            "page_description": _(
                "Plans, goals, indicators, actions and climate figures for sustainable development, "
                "published by %(organisation)s."
            )
            % {"organisation": self.organisation.name},
        }


class RecordView(PublicPageView):
    """A published record's page; subclasses name the ``model`` and add the read model in ``content``."""

    def page(self) -> dict:
        obj = queries.published_object(self.organisation, self.model, self.kwargs["pk"])
        if self.kwargs["slug"] != title_slug(obj):
            return {"redirect": public_url(obj, self.organisation)}
        description = getattr(obj, "description", "") or self.default_description(obj)
        return {
            "object": obj,
            "page_title": obj.title,
            "page_description": " ".join(description.split())[:300],
            **self.content(obj),
        }

    def default_description(self, obj) -> str:
        return obj.title

    def content(self, obj) -> dict:
        return {}

    def downloads(self, obj) -> dict:
        return {fmt: data_url(obj, self.organisation, fmt) for fmt in ("csv", "json")}


class PlanView(RecordView):
    model = Plan
    template_name = "portal/public/plan.html"

    def content(self, obj) -> dict:
        page = queries.plan(self.organisation, obj)
        for goal in page["goals"]:
            goal.public_url = public_url(goal, self.organisation)
        return page


class GoalView(RecordView):
    model = Goal
    template_name = "portal/public/goal.html"

    def content(self, obj) -> dict:
        page = queries.goal(self.organisation, obj)
        for target in page["targets"]:
            if target.indicator_id in page["published_indicators"]:
                target.public_indicator_url = public_url(target.indicator, self.organisation)
        plan_url = public_url(obj.plan, self.organisation) if page["plan_published"] else None
        return {**page, "plan_url": plan_url, "downloads": self.downloads(obj)}


class IndicatorView(RecordView):
    model = Indicator
    template_name = "portal/public/indicator.html"

    def content(self, obj) -> dict:
        page = queries.indicator(self.organisation, obj)
        for target in page["targets"]:
            target.public_goal_url = public_url(target.goal, self.organisation)
        return {**page, "downloads": self.downloads(obj)}


class ActionPlanView(RecordView):
    model = ActionPlan
    template_name = "portal/public/action_plan.html"

    def content(self, obj) -> dict:
        page = queries.action_plan(self.organisation, obj)
        plan_url = public_url(obj.plan, self.organisation) if page["plan_published"] else None
        return {**page, "plan_url": plan_url, "downloads": self.downloads(obj)}


class ClimateView(PublicPageView):
    """The organisation's climate figures: emissions by sector, the carbon-budget status and its adopted
    climate budgets — when it published them (the organisation itself is the published record)."""

    template_name = "portal/public/climate.html"

    def page(self) -> dict:
        organisation = queries.published_object(self.organisation, type(self.organisation), self.organisation.pk)
        content = queries.climate(organisation)
        overview = content["overview"]
        for budget in content["budgets"]:
            budget.public_url = public_url(budget, organisation)
        return {
            **content,
            "history_chart": history_chart(overview.area, overview.history) if overview and overview.history else None,
            "budget_chart": budget_chart(overview.area, overview.status) if overview and overview.status else None,
            "status": overview.status if overview else None,
            "method": overview.method if overview else None,
            "downloads": {fmt: data_url(organisation, organisation, fmt) for fmt in ("csv", "json")},
            "page_title": _("Climate figures of %(organisation)s") % {"organisation": organisation.name},
            "page_description": _(
                "Greenhouse-gas emissions by sector, the carbon budget and how fast emissions need to fall in "
                "%(organisation)s."
            )
            % {"organisation": organisation.name},
        }


class ClimateBudgetView(RecordView):
    model = ClimateBudget
    template_name = "portal/public/climate_budget.html"

    def default_description(self, obj) -> str:
        return _("The climate budget %(title)s: yearly emission ceilings and the reduction measures.") % {
            "title": obj.title
        }

    def content(self, obj) -> dict:
        climate_url = None
        if queries.published(self.organisation, KINDS["organisations.organisation"]).exists():
            climate_url = public_url(self.organisation, self.organisation)
        return {"page": queries.climate_budget(obj), "climate_url": climate_url, "downloads": self.downloads(obj)}


class AccessibilityView(PublicPageView):
    template_name = "portal/public/accessibility.html"

    def page(self) -> dict:
        return {
            "page_title": _("Accessibility statement"),
            "page_description": _(
                "How accessible the public pages of %(organisation)s are, and how to report a problem."
            )
            % {"organisation": self.organisation.name},
        }
