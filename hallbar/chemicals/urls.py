from django.urls import path

from .views import lists, screenings

app_name = "chemicals"
urlpatterns = [
    path("", screenings.IndexView.as_view(), name="index"),
    path("screenings/", screenings.ScreeningListView.as_view(), name="screening-list"),
    path("screenings/<int:pk>/", screenings.ScreeningDetailView.as_view(), name="screening-detail"),
    path("screenings/<int:pk>/delete/", screenings.ScreeningDeleteView.as_view(), name="screening-delete"),
    path("screenings/<int:pk>/phase-out-plan/", screenings.PhaseOutPlanView.as_view(), name="phase-out-plan"),
    path("articles/<int:pk>/action/", screenings.PhaseOutActionCreateView.as_view(), name="article-action"),
    path("candidate-list/", lists.CandidateListView.as_view(), name="candidate-list"),
    path("candidate-list/load/", lists.CandidateListUploadView.as_view(), name="candidate-list-load"),
    path("phase-out/", lists.PhaseOutListView.as_view(), name="phase-out-list"),
    path("phase-out/new/", lists.PhaseOutCreateView.as_view(), name="phase-out-create"),
    path("phase-out/<int:pk>/", lists.PhaseOutUpdateView.as_view(), name="phase-out-edit"),
    path("phase-out/<int:pk>/delete/", lists.PhaseOutDeleteView.as_view(), name="phase-out-delete"),
]
