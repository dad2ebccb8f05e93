from django.urls import path

from .views import evaluations, obligations

app_name = "obligations"
urlpatterns = [
    path("", obligations.ObligationListView.as_view(), name="list"),
    path("overview/", obligations.OverviewView.as_view(), name="overview"),
    path("new/", obligations.ObligationCreateView.as_view(), name="create"),
    path("<int:pk>/", obligations.ObligationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", obligations.ObligationUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", obligations.ObligationDeleteView.as_view(), name="delete"),
    path("<int:pk>/evaluate/", evaluations.EvaluationCreateView.as_view(), name="evaluate"),
    path("evaluations/<int:pk>/", evaluations.EvaluationDetailView.as_view(), name="evaluation-detail"),
    path(
        "evaluations/<int:pk>/nonconformity/",
        evaluations.RaiseNonconformityView.as_view(),
        name="evaluation-nonconformity",
    ),
]
