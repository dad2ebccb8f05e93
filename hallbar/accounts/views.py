from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView, UpdateView
from rest_framework.authtoken.models import Token

from hallbar.history.queries import changes_by
from hallbar.imports.exports import ExportColumn, ExportMixin
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin, ScopedObjectMixin

from . import services
from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    LoginForm,
    MembershipForm,
    NewPasswordForm,
    ProfileForm,
    ResetForm,
)
from .models import Invitation, Membership, User
from .roles import ROLE_DESCRIPTIONS, Permission, Role


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class ProfileView(LoginRequiredMixin, UpdateView):
    """The user's own details and API token."""

    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["token"] = Token.objects.filter(user=self.request.user).first()
        context["new_token"] = self.request.session.pop("hallbar_new_token", None)
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Your details were saved."))
        response = super().form_valid(form)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            form.instance.language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response


class ApiTokenView(LoginRequiredMixin, View):
    """Create a new API token (replacing any old one) or delete it. The token is shown once."""

    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "create":
            token = Token.objects.create(user=request.user)
            request.session["hallbar_new_token"] = token.key
            messages.success(request, _("A new API token was created. Copy it now: it is shown only once."))
        else:
            messages.success(request, _("Your API token was deleted."))
        return redirect("accounts:profile")


def _membership_status(membership) -> str:
    return _("Active") if membership.is_active and membership.user.is_active else _("No access")


class PeopleView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "accounts/people.html"
    export_filename = "people"
    export_title = gettext_lazy("People and roles")
    export_columns = [
        ExportColumn(gettext_lazy("name"), "user.full_name", width=28),
        ExportColumn(gettext_lazy("e-mail"), "user.email", width=32),
        ExportColumn(gettext_lazy("role"), "get_role_display", width=16),
        ExportColumn(
            gettext_lazy("applies to"),
            lambda m: m.unit.name if m.unit else gettext_lazy("Whole organisation"),
            width=30,
        ),
        ExportColumn(gettext_lazy("status"), _membership_status, width=14),
    ]

    def get_export_rows(self):
        return self.scope.filter(Membership.objects.select_related("user", "unit")).order_by(
            "-is_active", "user__full_name"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.get_export_rows()
        context["invitations"] = self.scope.filter(Invitation.objects.pending().select_related("unit", "invited_by"))
        context["can_manage"] = self.scope.has(Permission.MANAGE_PEOPLE, organisation_id=self.organisation.pk)
        context["role_descriptions"] = [(Role(role).label, text) for role, text in ROLE_DESCRIPTIONS.items()]
        return context


class InviteView(FormPageMixin, OrganisationRequiredMixin, FormView):
    form_class = InvitationForm
    permission = Permission.MANAGE_PEOPLE
    page_title = gettext_lazy("Invite a colleague")
    page_intro = gettext_lazy("They get an e-mail with a link to choose a password.")
    submit_label = gettext_lazy("Send invitation")
    cancel_url = reverse_lazy("accounts:people")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisation": self.organisation,
            "grantable": self.scope.grantable_roles(self.organisation.pk),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.invite(
                email=data["email"],
                full_name=data["full_name"],
                organisation=self.organisation,
                unit=data["unit"],
                role=data["role"],
                invited_by=self.request.user,
                site_url=self.request.build_absolute_uri("/"),
                scope=self.scope,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("An invitation was sent to %(email)s.") % {"email": data["email"]})
        return redirect("accounts:people")


class MembershipDetailView(ScopedObjectMixin, DetailView):
    model = Membership
    template_name = "accounts/membership_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object.user
        context["person"] = person
        context["other_roles"] = self.scope.filter(Membership.objects.select_related("unit")).filter(user=person)
        context["changes"] = changes_by(self.scope, person, limit=20)
        context["can_manage"] = self.scope.has(Permission.MANAGE_PEOPLE, self.object)
        return context


class MembershipUpdateView(FormPageMixin, ScopedObjectMixin, UpdateView):
    model = Membership
    form_class = MembershipForm
    permission = object_permission = Permission.MANAGE_PEOPLE

    def get_page_title(self) -> str:
        return _("Change the role of %(name)s") % {"name": self.object.user}

    def get_cancel_url(self) -> str:
        return reverse("accounts:membership-detail", args=[self.object.pk])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "grantable": self.scope.grantable_roles(self.organisation.pk)}

    def form_valid(self, form):
        original = Membership.objects.get(pk=self.object.pk)
        try:
            services.change_membership(
                original, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"], scope=self.scope
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The role was changed."))
        return redirect("accounts:membership-detail", original.pk)


class DeactivateMemberView(ScopedObjectMixin, DetailView):
    """Confirm, then end the person's access to the active organisation."""

    model = Membership
    template_name = "accounts/deactivate.html"
    permission = object_permission = Permission.MANAGE_PEOPLE

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        try:
            services.deactivate_member(membership.user, self.organisation, scope=self.scope)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("accounts:membership-detail", membership.pk)
        messages.success(
            request, _("%(name)s no longer has access. Everything they did is kept.") % {"name": membership.user}
        )
        return redirect("accounts:people")


class RevokeInvitationView(ScopedObjectMixin, DetailView):
    model = Invitation
    template_name = "accounts/revoke_invitation.html"
    permission = object_permission = Permission.MANAGE_PEOPLE

    def post(self, request, *args, **kwargs):
        services.revoke_invitation(self.get_object())
        messages.success(request, _("The invitation was withdrawn."))
        return redirect("accounts:people")


def accept_invitation(request, token: str):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if request.user.is_authenticated and request.user == existing:
            if request.method == "POST":
                services.accept_invitation(invitation, user=existing)
                messages.success(
                    request, _("You now have access to %(organisation)s.") % {"organisation": invitation.organisation}
                )
                return redirect("web:dashboard")
            return render(request, "accounts/accept_existing.html", {"invitation": invitation})
        login_url = f"{reverse('accounts:login')}?next={request.path}"
        return render(request, "accounts/accept_login_first.html", {"invitation": invitation, "login_url": login_url})
    form = AcceptInvitationForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(
            invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Hållbar!"))
        return redirect("web:dashboard")
    return render(request, "accounts/accept_new.html", {"invitation": invitation, "form": form})
