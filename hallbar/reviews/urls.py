from django.urls import path

from .statement import views as statement
from .views import records, reviews

app_name = "reviews"
urlpatterns = [
    path("", reviews.ReviewListView.as_view(), name="list"),
    path("new/", reviews.ReviewCreateView.as_view(), name="create"),
    path("<int:pk>/", reviews.ReviewDetailView.as_view(), name="detail"),
    path("<int:pk>/review.pdf", reviews.ReviewPdfView.as_view(), name="pdf"),
    path("<int:pk>/edit/", reviews.ReviewUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", reviews.ReviewDeleteView.as_view(), name="delete"),
    path("<int:pk>/refresh/", reviews.RefreshInputsView.as_view(), name="refresh"),
    path("<int:pk>/status/", reviews.TransitionView.as_view(), name="transition"),
    path("<int:pk>/conclusions/", records.ConclusionsView.as_view(), name="conclusions"),
    path("<int:pk>/decisions/new/", records.DecisionCreateView.as_view(), name="decision-create"),
    path("<int:pk>/actions/new/", records.ActionCreateView.as_view(), name="action-create"),
    path("decisions/<int:pk>/edit/", records.DecisionUpdateView.as_view(), name="decision-edit"),
    path("decisions/<int:pk>/delete/", records.DecisionDeleteView.as_view(), name="decision-delete"),
    path("statements/", statement.StatementListView.as_view(), name="statement-list"),
    path("statements/new/", statement.StatementCreateView.as_view(), name="statement-create"),
    path(
        "statements/core-indicators/", statement.CoreIndicatorSettingsView.as_view(), name="statement-core-indicators"
    ),
    path("statements/<int:pk>/", statement.StatementDetailView.as_view(), name="statement-detail"),
    path("statements/<int:pk>/statement.pdf", statement.StatementPdfView.as_view(), name="statement-pdf"),
    path("statements/<int:pk>/edit/", statement.StatementUpdateView.as_view(), name="statement-edit"),
    path("statements/<int:pk>/delete/", statement.StatementDeleteView.as_view(), name="statement-delete"),
    path("statements/<int:pk>/validation/", statement.ValidationView.as_view(), name="statement-validation"),
    path("statements/<int:pk>/withdraw/", statement.WithdrawValidationView.as_view(), name="statement-withdraw"),
]
