from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import OrganisationUnit
from hallbar.web.forms import AccessibleFormMixin, Form, ModelForm

from .models import Membership, User
from .roles import Role


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong. Both are checked exactly as typed."),
        "inactive": _("This account is deactivated. Contact your organisation's administrator."),
    }


class ResetForm(AccessibleFormMixin, PasswordResetForm):
    def save(self, request=None, **kwargs):
        """Queue one reset e-mail per matching active account; the link is made inside the job."""
        from .tasks import send_password_reset

        site_url = request.build_absolute_uri("/") if request is not None else ""
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset.enqueue(user.pk, site_url)


class NewPasswordForm(AccessibleFormMixin, SetPasswordForm):
    pass


class ProfileForm(ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "title", "language"]


def _unit_field(organisation) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=OrganisationUnit.objects.filter(organisation=organisation, is_active=True),
        empty_label=_("– the whole organisation –"),
        help_text=_("A role on a unit also covers every unit below it."),
    )
    field.label_from_instance = lambda unit: f"{'— ' * unit.depth}{unit.name}"
    return field


def _role_field(grantable: set[str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Role"), choices=[(value, label) for value, label in Role.choices if value in grantable]
    )


class InvitationForm(Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), required=False, max_length=200)

    def __init__(self, *args, organisation, grantable: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field(grantable)
        self.fields["unit"] = _unit_field(organisation)
        self._describe()


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "unit"]

    def __init__(self, *args, grantable: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field(grantable)
        self.fields["unit"] = _unit_field(self.instance.organisation)
        self._describe()


class AcceptInvitationForm(Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Repeat the password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _(
            "At least 10 characters, not only digits, and not too similar to your name or e-mail."
        )
        self._describe()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
