from django.urls import path

from .views import reports

app_name = "reports"
urlpatterns = [
    path("", reports.ReportListView.as_view(), name="list"),
    path("new/", reports.ReportCreateView.as_view(), name="create"),
    path("<int:pk>/", reports.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", reports.ReportUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", reports.ReportDeleteView.as_view(), name="delete"),
    path("<int:pk>/generate/", reports.GenerateView.as_view(), name="generate"),
    path("versions/<int:pk>/approve/", reports.ApproveVersionView.as_view(), name="version-approve"),
    path("versions/<int:pk>/delete/", reports.DeleteVersionView.as_view(), name="version-delete"),
    path("versions/<int:pk>/<str:format>/", reports.VersionFileView.as_view(), name="version-file"),
]
