from django.urls import path

from .views import library, sharing

app_name = "examples"
urlpatterns = [
    path("", library.LibraryView.as_view(), name="library"),
    path("saved/", library.SavedListView.as_view(), name="saved"),
    path("share/", sharing.ShareView.as_view(), name="share"),
    path("<int:pk>/", library.ExampleDetailView.as_view(), name="detail"),
    path("<int:pk>/save/", library.SaveToggleView.as_view(), name="save"),
    path("<int:pk>/copy/", library.CopyView.as_view(), name="copy"),
    path("<int:pk>/edit/", sharing.ExampleUpdateView.as_view(), name="edit"),
    path("<int:pk>/withdraw/", sharing.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/files/new/", sharing.AttachmentUploadView.as_view(), name="attachment-add"),
    path("files/<int:pk>/", library.AttachmentDownloadView.as_view(), name="attachment"),
    path("files/<int:pk>/delete/", sharing.AttachmentDeleteView.as_view(), name="attachment-delete"),
]
