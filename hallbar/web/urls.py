from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("organisation/switch/", views.switch_organisation, name="switch-organisation"),
    path("organisation/focus/", views.switch_unit, name="switch-unit"),
]
