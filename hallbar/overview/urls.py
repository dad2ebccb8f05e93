from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    path("", views.SummaryView.as_view(), name="summary"),
    path("pdf/", views.SummaryPdfView.as_view(), name="summary-pdf"),
]
