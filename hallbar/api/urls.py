from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import actions, docs, frameworks, history, indicators, organisations, people, plans

router = DefaultRouter()
# No ".json" suffix routes: the API only speaks JSON, and a suffix would be ambiguous with the dots
# in URNs (``urn:hallbar:sdg:target:13.2`` without its trailing slash would read as format "2").
router.include_format_suffixes = False
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("units", organisations.UnitViewSet, basename="unit")
router.register("memberships", people.MembershipViewSet, basename="membership")
router.register("changes", history.ChangeViewSet, basename="change")
router.register("municipalities", organisations.MunicipalityViewSet, basename="municipality")
router.register("counties", organisations.CountyViewSet, basename="county")
router.register("libraries", frameworks.LibraryViewSet, basename="library")
router.register("framework-items", frameworks.ItemViewSet, basename="framework-item")
router.register("mappings", frameworks.MappingViewSet, basename="mapping")
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("focus-areas", plans.FocusAreaViewSet, basename="focus-area")
router.register("goals", plans.GoalViewSet, basename="goal")
router.register("targets", plans.TargetViewSet, basename="target")
router.register("indicators", indicators.IndicatorViewSet, basename="indicator")
router.register("indicator-values", indicators.IndicatorValueViewSet, basename="indicator-value")
router.register("action-plans", actions.ActionPlanViewSet, basename="action-plan")
router.register("actions", actions.ActionViewSet, basename="action")
router.register("progress-updates", actions.ProgressUpdateViewSet, basename="progress-update")

v1 = [path("me/", people.me, name="me"), *router.urls]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("v1/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("v1/docs/", docs.ApiDocsView.as_view(), name="api-docs"),
]
