from django.urls import path

from .views import answers, assessments

app_name = "maturity"
urlpatterns = [
    path("", assessments.AssessmentListView.as_view(), name="list"),
    path("new/", assessments.AssessmentCreateView.as_view(), name="create"),
    path("<int:pk>/", assessments.AssessmentDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", assessments.AssessmentUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", assessments.AssessmentDeleteView.as_view(), name="delete"),
    path("<int:pk>/answers/", answers.QuestionnaireView.as_view(), name="answers"),
    path("<int:pk>/complete/", answers.CompleteView.as_view(), name="complete"),
    path("<int:pk>/reopen/", answers.ReopenView.as_view(), name="reopen"),
]
