"""Invitations, memberships and deactivation, through the services and the UI."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hallbar.accounts import services
from hallbar.accounts.models import Invitation, Membership, User
from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.history.models import ChangeRecord


def _token_from_mail() -> str:
    return re.search(r"/accounts/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_invitation_round_trip_creates_user_and_membership(world_a, client, django_capture_on_commit_callbacks):
    admin = world_a.user(Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            email="Ny.Person@Example.se",
            organisation=world_a.organisation,
            unit=world_a.unit,
            role=Role.EDITOR,
            invited_by=admin,
            scope=Scope(admin),
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.person@example.se"]
    token = _token_from_mail()
    assert not Invitation.objects.filter(token_hash=token).exists()  # only the hash is stored

    page = client.get(f"/accounts/invitation/{token}/")
    assert page.status_code == 200
    response = client.post(
        f"/accounts/invitation/{token}/",
        {"full_name": "Ny Person", "password1": "en-lång-fras-2026", "password2": "en-lång-fras-2026"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny.person@example.se")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.unit) == (Role.EDITOR, world_a.unit)
    assert client.get(f"/accounts/invitation/{token}/").status_code == 404  # used once only


def test_accept_form_reports_errors_per_field(world_a, client, django_capture_on_commit_callbacks):
    admin = world_a.user(Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            email="x@example.se", organisation=world_a.organisation, unit=None, role=Role.READER, invited_by=admin
        )
    token = _token_from_mail()
    response = client.post(f"/accounts/invitation/{token}/", {"full_name": "X", "password1": "123", "password2": "456"})
    form = response.context["form"]
    assert "password2" in form.errors
    assert 'aria-invalid="true"' in response.content.decode()


def test_coordinator_cannot_grant_administrator(world_a):
    coordinator = world_a.user(Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.invite(
            email="boss@example.se",
            organisation=world_a.organisation,
            unit=None,
            role=Role.ADMINISTRATOR,
            invited_by=coordinator,
            scope=Scope(coordinator),
        )


def test_invite_with_foreign_unit_is_refused(world_a, world_b):
    admin = world_a.user(Role.ADMINISTRATOR)
    with pytest.raises(ValidationError):
        services.invite(
            email="y@example.se",
            organisation=world_a.organisation,
            unit=world_b.unit,
            role=Role.READER,
            invited_by=admin,
            scope=Scope(admin),
        )
    assert not Invitation.objects.filter(email="y@example.se").exists()


def test_deactivation_keeps_history_and_blocks_login(world_a, client):
    admin = world_a.user(Role.ADMINISTRATOR)
    editor = world_a.user(Role.EDITOR)
    services.deactivate_member(editor, world_a.organisation, scope=Scope(admin))
    editor.refresh_from_db()
    assert not editor.is_active
    assert Membership.objects.filter(user=editor, is_active=False).exists()
    assert ChangeRecord.objects.filter(object_repr__contains=editor.full_name, action="update").exists()
    response = client.post("/accounts/login/", {"username": editor.email, "password": "correct-horse-battery-staple"})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated


def test_last_administrator_cannot_be_removed(world_a):
    other_admin = world_a.user(Role.ADMINISTRATOR)
    membership = other_admin.memberships.get()
    with pytest.raises(ValidationError):
        services.change_membership(membership, role=Role.READER, unit=None, scope=Scope(other_admin))


def test_people_page_lists_members_and_invite_form_validates(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    page = client.get("/accounts/people/")
    assert world_a.user(Role.AUDITOR).email in page.content.decode()
    response = client.post("/accounts/people/invite/", {"email": "not-an-address", "role": "reader"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    roles = [value for value, _label in response.context["form"].fields["role"].choices]
    assert Role.ADMINISTRATOR not in roles


def test_reader_cannot_open_the_invite_form(world_a, client_for):
    assert client_for(world_a.user(Role.READER)).get("/accounts/people/invite/").status_code == 403


def test_password_reset_sends_mail_through_the_task_queue(world_a, client):
    response = client.post("/accounts/password-reset/", {"email": world_a.user(Role.READER).email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_login_is_throttled_after_repeated_failures(world_a, client):
    email = world_a.user(Role.READER).email
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": email, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": email, "password": "correct-horse-battery-staple"})
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_profile_language_choice_switches_the_interface(world_a, client_for):
    client = client_for(world_a.user(Role.READER))
    assert client.get("/").headers["Content-Language"] == "sv"
    response = client.post("/accounts/profile/", {"full_name": "A Reader", "title": "", "language": "en"})
    assert response.status_code == 302
    assert client.get("/").headers["Content-Language"] == "en"
    world_a.user(Role.READER).refresh_from_db()
    assert world_a.user(Role.READER).language == "en"
