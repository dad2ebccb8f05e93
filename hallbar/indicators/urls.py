from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="list"),
    path("new/", views.IndicatorCreateView.as_view(), name="create"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.IndicatorUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.IndicatorDeleteView.as_view(), name="delete"),
    path("<int:pk>/values/new/", views.ValueCreateView.as_view(), name="value-create"),
    path("values/<int:pk>/edit/", views.ValueUpdateView.as_view(), name="value-edit"),
    path("values/<int:pk>/delete/", views.ValueDeleteView.as_view(), name="value-delete"),
]
