from django.urls import path

from . import views

app_name = "history"
urlpatterns = [
    path("", views.ChangeLogView.as_view(), name="log"),
    path("<str:label>/<int:pk>/", views.ObjectHistoryView.as_view(), name="object"),
]
