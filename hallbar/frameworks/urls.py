from django.urls import path

from . import views

app_name = "frameworks"
urlpatterns = [
    path("", views.LibraryListView.as_view(), name="libraries"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("library/<str:urn>/", views.LibraryDetailView.as_view(), name="library"),
    path("item/<str:urn>/", views.ItemDetailView.as_view(), name="item"),
]
