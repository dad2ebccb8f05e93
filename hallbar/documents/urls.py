from django.urls import path

from .views import documents, evidence, readiness, versions

app_name = "documents"
urlpatterns = [
    path("", documents.DocumentListView.as_view(), name="list"),
    path("new/", documents.DocumentCreateView.as_view(), name="create"),
    path("policy/", documents.PolicyView.as_view(), name="policy"),
    path("<int:pk>/", documents.DocumentDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", documents.DocumentUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", documents.DocumentDeleteView.as_view(), name="delete"),
    path("<int:pk>/versions/new/", versions.VersionCreateView.as_view(), name="version-create"),
    path("versions/<int:pk>/", versions.VersionDetailView.as_view(), name="version"),
    path("versions/<int:pk>/edit/", versions.VersionUpdateView.as_view(), name="version-edit"),
    path("versions/<int:pk>/approve/", versions.VersionApproveView.as_view(), name="version-approve"),
    path("versions/<int:pk>/file/", versions.VersionFileView.as_view(), name="version-file"),
    path("evidence-for/<str:label>/<int:pk>/", evidence.EvidenceUploadView.as_view(), name="evidence-upload"),
    path("evidence/<int:pk>/", evidence.EvidenceDownloadView.as_view(), name="evidence-download"),
    path("evidence/<int:pk>/delete/", evidence.EvidenceDeleteView.as_view(), name="evidence-delete"),
    path("readiness/", readiness.ReadinessOverviewView.as_view(), name="readiness-overview"),
    path("readiness/<str:urn>/", readiness.ReadinessView.as_view(), name="readiness"),
]
