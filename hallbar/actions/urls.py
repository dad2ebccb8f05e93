from django.urls import path

from .views import actions, plans, progress

app_name = "actions"
urlpatterns = [
    path("", actions.ActionListView.as_view(), name="list"),
    path("mine/", actions.MyActionsView.as_view(), name="mine"),
    path("new/", actions.ActionCreateView.as_view(), name="create"),
    path("settings/", progress.FollowUpSettingsView.as_view(), name="settings"),
    path("<int:pk>/", actions.ActionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", actions.ActionUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", actions.ActionDeleteView.as_view(), name="delete"),
    path("<int:pk>/progress/", progress.ProgressCreateView.as_view(), name="progress"),
    path("plans/", plans.ActionPlanListView.as_view(), name="plan-list"),
    path("plans/new/", plans.ActionPlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/", plans.ActionPlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.ActionPlanUpdateView.as_view(), name="plan-edit"),
    path("plans/<int:pk>/delete/", plans.ActionPlanDeleteView.as_view(), name="plan-delete"),
]
