"""Security baseline, background tasks, reference data and organisation set-up."""

import os
import subprocess
import sys

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from hallbar.accounts.models import Invitation
from hallbar.accounts.tasks import send_password_reset
from hallbar.organisations.models import County, Municipality, Organisation
from hallbar.organisations.services import create_organisation, municipality_organisation_name
from hallbar.organisations.validators import normalise_org_number

from ..factories import UserFactory


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hallbar.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "hallbar.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "HALLBAR_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_weak_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hallbar.settings.production",
        "SECRET_KEY": "short",
        "HALLBAR_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_security_headers(client, db):
    response = client.get("/accounts/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_csrf_is_enforced(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "a@b.se", "password": "x"}).status_code == 403


def test_uploaded_files_are_not_served_from_their_path(settings, tmp_path, client, db):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.4 secret")
    assert client.get(f"{settings.MEDIA_URL}rapport.pdf").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_database_task_backend_and_worker(settings):
    """E-mail tasks go through the database queue and the worker command runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # django-tasks resets on change
    user = UserFactory(email="mottagare@example.se")
    result = send_password_reset.enqueue(user.pk, "https://hallbar.example.se/")
    assert not mail.outbox
    assert "token" not in str(result.args)  # only ids are queued: no secret link in the task table
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert mail.outbox[0].to == ["mottagare@example.se"]
    assert "https://hallbar.example.se/accounts/password-reset/" in mail.outbox[0].body


def test_reference_lists_are_complete(db):
    assert Municipality.objects.count() == 290
    assert County.objects.count() == 21
    linkoping = Municipality.objects.get(code="0580")
    assert (linkoping.name, linkoping.county.code, linkoping.skr_group) == ("Linköping", "05", "B3")
    call_command("load_municipalities", verbosity=0)
    assert Municipality.objects.count() == 290  # idempotent


@pytest.mark.parametrize(
    ("code", "expected"),
    [("0580", "Linköpings kommun"), ("1490", "Borås kommun"), ("0583", "Motala kommun"), ("0980", "Region Gotland")],
)
def test_municipality_organisation_names(db, code, expected):
    assert municipality_organisation_name(Municipality.objects.get(code=code)) == expected


def test_operator_sets_up_a_municipality_from_the_list(db, client, django_capture_on_commit_callbacks):
    operator = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(operator)
    form = client.get("/organisation/new/")
    assert "Linköping" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/organisation/new/",
            {
                "kind": "municipality",
                "municipality": Municipality.objects.get(code="1480").pk,
                "org_number": "2120001355",
                "administrator_email": "chef@goteborg.example.se",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(official_code="1480")
    assert organisation.org_number == "212000-1355"
    assert organisation.county.code == "14"
    assert Invitation.objects.get(organisation=organisation).role == "administrator"
    assert mail.outbox[0].to == ["chef@goteborg.example.se"]


@translation.override("en")
def test_org_number_validation():
    assert normalise_org_number("2120000449") == "212000-0449"
    with pytest.raises(ValidationError, match="check digit"):
        normalise_org_number("212000-0448")
    with pytest.raises(ValidationError, match="ten digits"):
        normalise_org_number("12345")


def test_only_operators_may_set_up_organisations(world_a, client_for):
    response = client_for(world_a.user("administrator")).get("/organisation/new/")
    assert response.status_code in (302, 403)


def test_duplicate_municipality_is_not_offered(db):
    municipality = Municipality.objects.get(code="0180")
    create_organisation("municipality", municipality=municipality)
    from hallbar.organisations.forms import NewOrganisationForm

    assert municipality not in NewOrganisationForm().fields["municipality"].queryset


@pytest.mark.parametrize(
    ("kind", "county", "expected"),
    [
        ("region", "01", "Region Stockholm"),
        ("region", "14", "Region Västra Götaland"),
        ("county_board", "12", "Länsstyrelsen i Skåne län"),
    ],
)
def test_regions_and_county_boards_are_set_up_from_the_county_list(db, kind, county, expected):
    organisation = create_organisation(kind, county=County.objects.get(code=county))
    assert (organisation.name, organisation.official_code, organisation.kind) == (expected, county, kind)
    with pytest.raises(ValidationError):
        create_organisation(kind, county=County.objects.get(code=county))  # one per county


def test_operator_without_organisation_is_sent_to_set_one_up(db, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/")
    assert response.status_code == 302 and response.url == "/organisation/new/"
    page = client.get("/organisation/new/").content.decode()
    assert 'aria-current="page"' in page


def test_person_without_organisation_is_told_what_to_do(db, client):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 403
    assert "inbjudan" in response.content.decode()
