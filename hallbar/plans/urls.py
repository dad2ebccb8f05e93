from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PlanUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.PlanDeleteView.as_view(), name="delete"),
    path("<int:pk>/focus-areas/new/", views.FocusAreaCreateView.as_view(), name="focus-area-create"),
    path("<int:pk>/goals/new/", views.GoalCreateView.as_view(), name="goal-create"),
    path("focus-areas/<int:pk>/edit/", views.FocusAreaUpdateView.as_view(), name="focus-area-edit"),
    path("focus-areas/<int:pk>/delete/", views.FocusAreaDeleteView.as_view(), name="focus-area-delete"),
    path("goals/<int:pk>/", views.GoalDetailView.as_view(), name="goal"),
    path("goals/<int:pk>/edit/", views.GoalUpdateView.as_view(), name="goal-edit"),
    path("goals/<int:pk>/delete/", views.GoalDeleteView.as_view(), name="goal-delete"),
    path("goals/<int:pk>/targets/new/", views.TargetCreateView.as_view(), name="target-create"),
    path("targets/<int:pk>/edit/", views.TargetUpdateView.as_view(), name="target-edit"),
    path("targets/<int:pk>/delete/", views.TargetDeleteView.as_view(), name="target-delete"),
]
