"""Writes for people: invitations, memberships, deactivation. Views, API and commands call these."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.organisations.models import Organisation, OrganisationUnit

from .models import Invitation, Membership, User, hash_token
from .roles import Role
from .scoping import Scope
from .tasks import send_invitation


def check_grant(scope: Scope | None, organisation: Organisation, role: str) -> None:
    """Refuse to hand out a role the acting user may not grant. ``None`` means a system action."""
    if scope is not None and role not in scope.grantable_roles(organisation.pk):
        raise PermissionDenied(_("You may not give the role %(role)s.") % {"role": Role(role).label})


def _check_unit(organisation: Organisation, unit: OrganisationUnit | None) -> None:
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("The unit must belong to the organisation.")})


@transaction.atomic
def invite(
    *,
    email: str,
    organisation: Organisation,
    unit: OrganisationUnit | None,
    role: str,
    invited_by: User,
    site_url: str = "",
    full_name: str = "",
    scope: Scope | None = None,
) -> Invitation:
    """Create an invitation and e-mail its link (the secret token exists only in that e-mail)."""
    check_grant(scope, organisation, role)
    _check_unit(organisation, unit)
    email = email.strip().lower()
    if Membership.objects.filter(user__email=email, organisation=organisation, unit=unit, is_active=True).exists():
        raise ValidationError({"email": _("%(email)s already has a role here.") % {"email": email}})
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        organisation=organisation,
        unit=unit,
        role=role,
        token_hash=hash_token(Invitation.new_token()),  # replaced by the one the e-mail job sends
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    transaction.on_commit(lambda: send_invitation.enqueue(invitation.pk, site_url))
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.pending().select_related("organisation", "unit").filter(token_hash=hash_token(token)).first()
    )


@transaction.atomic
def accept_invitation(
    invitation: Invitation, *, user: User | None = None, full_name: str = "", password: str = ""
) -> User:
    """Turn an invitation into a membership, creating the user if they are new."""
    if user is None:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = User.objects.create_user(invitation.email, password, full_name=full_name)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        unit=invitation.unit,
        defaults={"role": invitation.role},
    )
    if not created:
        membership.role = invitation.role
        membership.is_active = True
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def revoke_invitation(invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def change_membership(membership: Membership, *, role: str, unit: OrganisationUnit | None, scope: Scope) -> Membership:
    check_grant(scope, membership.organisation, membership.role)
    check_grant(scope, membership.organisation, role)
    _check_unit(membership.organisation, unit)
    _refuse_last_administrator(membership, new_role=role)
    membership.role = role
    membership.unit = unit
    membership.full_clean()
    membership.save()
    return membership


def _refuse_last_administrator(membership: Membership, new_role: str | None = None) -> None:
    if membership.role != Role.ADMINISTRATOR or new_role == Role.ADMINISTRATOR:
        return
    others = Membership.objects.filter(
        organisation=membership.organisation, role=Role.ADMINISTRATOR, is_active=True, user__is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("The organisation must keep at least one administrator."))


@transaction.atomic
def deactivate_member(user: User, organisation: Organisation, *, scope: Scope) -> int:
    """End a person's access to one organisation; their history stays. Returns memberships ended.

    When the person has no access left anywhere, their account is deactivated too.
    """
    memberships = list(Membership.objects.filter(user=user, organisation=organisation, is_active=True))
    if scope.user == user:
        raise ValidationError(_("You cannot remove your own access."))
    for membership in memberships:
        check_grant(scope, organisation, membership.role)
        _refuse_last_administrator(membership)
        membership.is_active = False
        membership.save()
    if not Membership.objects.filter(user=user, is_active=True).exists() and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return len(memberships)
