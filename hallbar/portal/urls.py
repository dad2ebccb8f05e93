"""The portal's addresses: the coordinators' pages under ``portal/`` and the public pages under the
organisation's kind prefix (``kommun/<slug>/`` …; see ``publishable.py``). Mounted at the site root."""

from django.urls import path, register_converter

from .publishable import DataFormatConverter, KindPrefixConverter
from .views import data, manage, public

register_converter(KindPrefixConverter, "portal_kind")
register_converter(DataFormatConverter, "data_format")

app_name = "portal"
PUBLIC = "<portal_kind:kind>/<slug:organisation>/"
urlpatterns = [
    path("portal/", manage.PortalSettingsView.as_view(), name="settings"),
    path("portal/publish/<str:label>/<int:pk>/", manage.PublishView.as_view(), name="publish"),
    path("portal/language/", public.language, name="language"),
    path(PUBLIC, public.HomeView.as_view(), name="home"),
    path(PUBLIC + "planer/<int:pk>-<slug:slug>/", public.PlanView.as_view(), name="plan"),
    path(PUBLIC + "mal/<int:pk>-<slug:slug>/", public.GoalView.as_view(), name="goal"),
    path(PUBLIC + "indikatorer/<int:pk>-<slug:slug>/", public.IndicatorView.as_view(), name="indicator"),
    path(PUBLIC + "atgarder/<int:pk>-<slug:slug>/", public.ActionPlanView.as_view(), name="action-plan"),
    path(PUBLIC + "klimat/", public.ClimateView.as_view(), name="climate"),
    path(PUBLIC + "klimat/budget/<int:pk>-<slug:slug>/", public.ClimateBudgetView.as_view(), name="climate-budget"),
    path(PUBLIC + "tillganglighet/", public.AccessibilityView.as_view(), name="accessibility"),
    path(PUBLIC + "data/katalog.jsonld", data.CatalogueView.as_view(), name="catalogue"),
    path(PUBLIC + "data/mal/<int:pk>.<data_format:format>", data.GoalDataView.as_view(), name="goal-data"),
    path(
        PUBLIC + "data/indikatorer/<int:pk>.<data_format:format>",
        data.IndicatorDataView.as_view(),
        name="indicator-data",
    ),
    path(
        PUBLIC + "data/atgarder/<int:pk>.<data_format:format>",
        data.ActionPlanDataView.as_view(),
        name="action-plan-data",
    ),
    path(PUBLIC + "data/klimat.<data_format:format>", data.ClimateDataView.as_view(), name="climate-data"),
    path(
        PUBLIC + "data/klimat/budget/<int:pk>.<data_format:format>",
        data.ClimateBudgetDataView.as_view(),
        name="climate-budget-data",
    ),
]
