"""The dialogue's addresses, mounted under ``dialog/``: the coordinators' queue and entries, and the
public form's own address (no login) that the public goal page posts to."""

from django.urls import path

from .views import moderation, public

app_name = "dialogue"
urlpatterns = [
    path("", moderation.QueueView.as_view(), name="queue"),
    path("<int:pk>/", moderation.EntryView.as_view(), name="entry"),
    path("mal/<int:pk>/", public.SubmitView.as_view(), name="submit"),
]
