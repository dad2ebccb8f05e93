from django.urls import path

from .views import imports, mappings, own_factors, recomputations, results

app_name = "consumption"
urlpatterns = [
    path("", results.OverviewView.as_view(), name="overview"),
    path("totals/", results.TotalListView.as_view(), name="totals"),
    path("suppliers/", results.SupplierListView.as_view(), name="suppliers"),
    path("factors/", results.FactorSetListView.as_view(), name="factor-sets"),
    path("factors/own/new/", own_factors.OwnFactorCreateView.as_view(), name="own-factor-create"),
    path("factors/own/<int:pk>/", own_factors.OwnFactorUpdateView.as_view(), name="own-factor-edit"),
    path("factors/own/<int:pk>/delete/", own_factors.OwnFactorDeleteView.as_view(), name="own-factor-delete"),
    path("settings/", results.SettingsView.as_view(), name="settings"),
    path("recompute/", recomputations.RecomputeView.as_view(), name="recompute"),
    path("recompute/<int:pk>/", recomputations.RecomputationView.as_view(), name="recomputation"),
    path("imports/", imports.ImportListView.as_view(), name="imports"),
    path("imports/new/", imports.ImportCreateView.as_view(), name="import-create"),
    path("imports/<int:pk>/", imports.ImportDetailView.as_view(), name="import"),
    path("mappings/", mappings.MappingListView.as_view(), name="mappings"),
    path("mappings/new/", mappings.MappingCreateView.as_view(), name="mapping-create"),
    path("mappings/<int:pk>/", mappings.MappingUpdateView.as_view(), name="mapping-edit"),
    path("mappings/<int:pk>/delete/", mappings.MappingDeleteView.as_view(), name="mapping-delete"),
]
