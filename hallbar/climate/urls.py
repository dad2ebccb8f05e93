from django.urls import path  # noqa: F401  (each block below adds its paths)

from . import views  # noqa: F401
from .views import budget_plan, methods, releases, status

app_name = "climate"

urlpatterns = [
    # -- Emissions, budget status and comparison, consumption perspective (views/status.py)
    path("", status.StatusView.as_view(), name="status"),
    # -- Method presets and the all-municipality results (views/methods.py)
    path("methods/", methods.MethodListView.as_view(), name="methods"),
    path("methods/new/", methods.MethodCreateView.as_view(), name="method-create"),
    path("methods/choose/", methods.ChooseMethodView.as_view(), name="method-choose"),
    path("methods/<int:pk>/", methods.MethodDetailView.as_view(), name="method-detail"),
    path("methods/<int:pk>/edit/", methods.MethodUpdateView.as_view(), name="method-edit"),
    path("methods/<int:pk>/delete/", methods.MethodDeleteView.as_view(), name="method-delete"),
    path("municipalities/", methods.MunicipalityResultsView.as_view(), name="municipalities"),
    # -- Emission releases: list, load, make current (views/releases.py)
    path("releases/", releases.ReleaseListView.as_view(), name="releases"),
    path("releases/load/", releases.ReleaseLoadView.as_view(), name="release-load"),
    path("releases/<slug:key>/", releases.ReleaseDetailView.as_view(), name="release"),
    path("releases/<slug:key>/make-current/", releases.ReleaseMakeCurrentView.as_view(), name="release-make-current"),
    # -- Climate budget in the financial plan (views/budget_plan.py)
    path("budgets/", budget_plan.BudgetListView.as_view(), name="budget-list"),
    path("budgets/new/", budget_plan.BudgetCreateView.as_view(), name="budget-create"),
    path("budgets/<int:pk>/", budget_plan.BudgetDetailView.as_view(), name="budget-detail"),
    path("budgets/<int:pk>/edit/", budget_plan.BudgetUpdateView.as_view(), name="budget-edit"),
    path("budgets/<int:pk>/delete/", budget_plan.BudgetDeleteView.as_view(), name="budget-delete"),
    path("budgets/<int:pk>/adopt/", budget_plan.BudgetAdoptView.as_view(), name="budget-adopt"),
    path("budgets/<int:pk>/export.<str:format>", budget_plan.BudgetExportView.as_view(), name="budget-export"),
    path(
        "budgets/<int:pk>/responsibilities/new/",
        budget_plan.ResponsibilityCreateView.as_view(),
        name="budget-responsibility-create",
    ),
    path(
        "budgets/responsibilities/<int:pk>/delete/",
        budget_plan.ResponsibilityDeleteView.as_view(),
        name="budget-responsibility-delete",
    ),
    path("budgets/<int:pk>/measures/new/", budget_plan.MeasureCreateView.as_view(), name="budget-measure-create"),
    path("budgets/measures/<int:pk>/edit/", budget_plan.MeasureUpdateView.as_view(), name="budget-measure-edit"),
    path("budgets/measures/<int:pk>/delete/", budget_plan.MeasureDeleteView.as_view(), name="budget-measure-delete"),
    path("budgets/measures/<int:pk>/action/", budget_plan.MeasureActionView.as_view(), name="budget-measure-action"),
    path("budgets/measures/<int:pk>/effect/", budget_plan.EffectCreateView.as_view(), name="budget-measure-effect"),
]
