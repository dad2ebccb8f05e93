from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.StructureView.as_view(), name="structure"),
    path("edit/", views.OrganisationUpdateView.as_view(), name="edit"),
    path("new/", views.NewOrganisationView.as_view(), name="new"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit-edit"),
    path("units/<int:pk>/delete/", views.UnitDeleteView.as_view(), name="unit-delete"),
]
