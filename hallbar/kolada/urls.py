from django.urls import path

from . import views

app_name = "kolada"
urlpatterns = [
    path("", views.KoladaIndexView.as_view(), name="index"),
    path("fetch/", views.FetchNowView.as_view(), name="fetch"),
    path("kpis/", views.KpiListView.as_view(), name="kpis"),
    path("kpis/<str:kpi_id>/", views.KpiDetailView.as_view(), name="kpi-detail"),
    path("comparison-group/", views.PeerGroupView.as_view(), name="peers"),
]
