from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    path("invitation/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/api-token/", views.ApiTokenView.as_view(), name="api-token"),
    path("people/", views.PeopleView.as_view(), name="people"),
    path("people/invite/", views.InviteView.as_view(), name="invite"),
    path("people/<int:pk>/", views.MembershipDetailView.as_view(), name="membership-detail"),
    path("people/<int:pk>/edit/", views.MembershipUpdateView.as_view(), name="membership-edit"),
    path("people/<int:pk>/deactivate/", views.DeactivateMemberView.as_view(), name="membership-deactivate"),
    path("invitations/<int:pk>/revoke/", views.RevokeInvitationView.as_view(), name="invitation-revoke"),
]
