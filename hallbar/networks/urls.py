from django.urls import path

from .views import networks, panel

app_name = "networks"
urlpatterns = [
    path("", networks.NetworkListView.as_view(), name="list"),
    path("new/", networks.NetworkCreateView.as_view(), name="create"),
    path("<int:pk>/", networks.NetworkDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", networks.NetworkUpdateView.as_view(), name="edit"),
    path("<int:pk>/invite/", networks.InviteView.as_view(), name="invite"),
    path("<int:pk>/respond/", networks.RespondView.as_view(), name="respond"),
    path("<int:pk>/leave/", networks.LeaveView.as_view(), name="leave"),
    path("<int:pk>/sharing/", networks.SharingView.as_view(), name="sharing"),
    path("<int:pk>/panel/", panel.PanelView.as_view(), name="panel"),
    path("members/<int:pk>/remove/", networks.RemoveMemberView.as_view(), name="remove-member"),
]
