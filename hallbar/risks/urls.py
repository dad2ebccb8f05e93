from django.urls import path

from .views import matrix, risks

app_name = "risks"
urlpatterns = [
    path("", risks.RiskListView.as_view(), name="list"),
    path("new/", risks.RiskCreateView.as_view(), name="create"),
    path("heat-map/", matrix.HeatMapView.as_view(), name="heat-map"),
    path("matrix/", matrix.RiskMatrixSettingsView.as_view(), name="matrix-settings"),
    path("<int:pk>/", risks.RiskDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", risks.RiskUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", risks.RiskDeleteView.as_view(), name="delete"),
    path("<int:pk>/status/", risks.RiskStatusView.as_view(), name="status"),
    path("<int:pk>/actions/new/", risks.RiskActionCreateView.as_view(), name="action-create"),
]
