from django.urls import path

from .views import edit, pages, stages
from .workflow import TRANSITIONS

app_name = "nonconformities"
urlpatterns = [
    path("", pages.NonconformityListView.as_view(), name="list"),
    path("new/", edit.NonconformityCreateView.as_view(), name="create"),
    path("<int:pk>/", pages.NonconformityDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", edit.NonconformityUpdateView.as_view(), name="edit"),
    path("<int:pk>/analysis/", edit.AnalysisView.as_view(), name="analysis"),
    path("<int:pk>/actions/new/", edit.CorrectiveActionCreateView.as_view(), name="add-action"),
    path("<int:pk>/delete/", edit.NonconformityDeleteView.as_view(), name="delete"),
    *[
        path(f"<int:pk>/{name}/", stages.TransitionView.as_view(transition_name=name), name=name)
        for name in TRANSITIONS
    ],
]
