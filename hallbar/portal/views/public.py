"""The public pages: no login, server-rendered, cached per organisation (``cache.py``).

Every page first finds the organisation whose portal is open at the slug (else 404), then — inside the
cached part — the published record (unpublished and other organisations' records are 404). A wrong
kind prefix or title slug in the address redirects permanently to the record's current address.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from hallbar.actions.models import ActionPlan
from hallbar.indicators.models import Indicator
from hallbar.plans.models import Goal, Plan

from .. import cache, queries
from ..publishable import address, data_url, home_url, prefix_for, public_url, title_slug

# The public pages are cached whole, so their language switcher cannot carry a visitor's CSRF token.
# Choosing a language only sets the language cookie (nothing to forge), so it needs none.
language = require_POST(csrf_exempt(set_language))


class PublicView(View):
    """Read-only (other methods answer 405); ``build`` makes the response that is cached."""

    http_method_names = ["get", "head", "options"]
    model = None

    def get(self, request, **kwargs):
        request.is_public_page = True  # the page shell leaves out everything about the visitor (cached for all)
        self.organisation = queries.public_organisation(kwargs["organisation"])
        if kwargs["kind"] != prefix_for(self.organisation):
            return HttpResponsePermanentRedirect(self.canonical_path(request, kwargs))
        return cache.cached_response(self.organisation, request, self.build)

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
        settings = self.organisation.portal_settings
        context.update(
            organisation=self.organisation,
            portal=settings,
            licence=settings.licence_info,
            home_url=home_url(self.organisation),
            catalogue_url=reverse("portal:catalogue", kwargs=address(self.organisation)),
            accessibility_url=reverse("portal:accessibility", kwargs=address(self.organisation)),
            page_url=self.request.build_absolute_uri(self.request.path),
            # The page is cached for every visitor: nothing of the signed-in visitor may be rendered into it.
            user=AnonymousUser(),
            perms=None,
            messages=(),
        )
        return TemplateResponse(self.request, self.template_name, context)


class HomeView(PublicPageView):
    template_name = "portal/public/home.html"

    def page(self) -> dict:
        content = queries.home(self.organisation)
        for key in ("plans", "goals", "indicators", "action_plans"):
            for obj in content[key]:
                obj.public_url = public_url(obj, self.organisation)
        return {
            **content,
            "page_title": _("Sustainability work in %(organisation)s") % {"organisation": self.organisation.name},
            "page_description": _(
                "Plans, goals, indicators and actions for sustainable development, published by %(organisation)s."
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
