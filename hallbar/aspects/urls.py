from django.urls import path

from .views import activities, aspects, register, reviews, settings

app_name = "aspects"
urlpatterns = [
    path("", register.OverviewView.as_view(), name="overview"),
    path("register/", register.RegisterView.as_view(), name="register"),
    path("activities/", activities.ActivityListView.as_view(), name="activity-list"),
    path("activities/new/", activities.ActivityCreateView.as_view(), name="activity-create"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity-detail"),
    path("activities/<int:pk>/edit/", activities.ActivityUpdateView.as_view(), name="activity-edit"),
    path("activities/<int:pk>/delete/", activities.ActivityDeleteView.as_view(), name="activity-delete"),
    path("activities/<int:pk>/aspects/new/", aspects.AspectCreateView.as_view(), name="create"),
    path("<int:pk>/", aspects.AspectDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", aspects.AspectUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", aspects.AspectDeleteView.as_view(), name="delete"),
    path("<int:pk>/score/", aspects.AspectScoreView.as_view(), name="score"),
    path("settings/", settings.SettingsView.as_view(), name="settings"),
    path("criteria/new/", settings.CriterionCreateView.as_view(), name="criterion-create"),
    path("criteria/<int:pk>/edit/", settings.CriterionUpdateView.as_view(), name="criterion-edit"),
    path("criteria/<int:pk>/delete/", settings.CriterionDeleteView.as_view(), name="criterion-delete"),
    path("reviews/", reviews.ReviewListView.as_view(), name="review-list"),
    path("reviews/new/", reviews.ReviewCreateView.as_view(), name="review-create"),
]
