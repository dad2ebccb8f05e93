from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.ImportHomeView.as_view(), name="home"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
    path("jobs/<int:pk>/mapping/", views.JobMappingView.as_view(), name="job-mapping"),
    path("jobs/<int:pk>/commit/", views.JobCommitView.as_view(), name="job-commit"),
    path("<slug:spec>/", views.SpecView.as_view(), name="spec"),
]
