from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="list"),
    path("new/", views.RoundCreateView.as_view(), name="create"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("<int:pk>/edit/", views.RoundUpdateView.as_view(), name="round-edit"),
    path("reports/<int:pk>/", views.ReportView.as_view(), name="report"),
    path("reports/<int:pk>/review/", views.ReviewView.as_view(), name="review"),
]
