from django.urls import path

from .views import audits, checklist, findings, programmes, report

app_name = "audits"
urlpatterns = [
    path("", programmes.ProgrammeListView.as_view(), name="list"),
    path("programmes/new/", programmes.ProgrammeCreateView.as_view(), name="programme-create"),
    path("programmes/<int:pk>/", programmes.ProgrammeDetailView.as_view(), name="programme-detail"),
    path("programmes/<int:pk>/edit/", programmes.ProgrammeUpdateView.as_view(), name="programme-edit"),
    path("programmes/<int:pk>/delete/", programmes.ProgrammeDeleteView.as_view(), name="programme-delete"),
    path("programmes/<int:pk>/audits/new/", audits.AuditCreateView.as_view(), name="create"),
    path("<int:pk>/", audits.AuditDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", audits.AuditUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", audits.AuditDeleteView.as_view(), name="delete"),
    path("<int:pk>/status/", audits.AuditTransitionView.as_view(), name="transition"),
    path("<int:pk>/raise-nonconformities/", audits.RaiseNonconformitiesView.as_view(), name="raise-nonconformities"),
    path("<int:pk>/checklist/", checklist.ChecklistView.as_view(), name="checklist"),
    path("<int:pk>/checklist/new/", checklist.QuestionCreateView.as_view(), name="question-create"),
    path("<int:pk>/findings/new/", findings.FindingCreateView.as_view(), name="finding-create"),
    path("<int:pk>/report/", report.AuditReportView.as_view(), name="report"),
    path("<int:pk>/report.pdf", report.AuditReportPdfView.as_view(), name="report-pdf"),
    path("questions/<int:pk>/delete/", checklist.QuestionDeleteView.as_view(), name="question-delete"),
    path("findings/<int:pk>/", findings.FindingDetailView.as_view(), name="finding-detail"),
    path("findings/<int:pk>/edit/", findings.FindingUpdateView.as_view(), name="finding-edit"),
    path("findings/<int:pk>/delete/", findings.FindingDeleteView.as_view(), name="finding-delete"),
]
