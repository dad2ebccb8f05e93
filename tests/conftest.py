"""Shared fixtures: two organisations ("A" and "B") with a unit tree and one user per role each."""

import os
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hallbar.accounts.roles import Role
from hallbar.organisations.models import Organisation, OrganisationUnit

from .factories import MembershipFactory, OrganisationFactory, UnitFactory, UserFactory


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"hallbar: database engine {engine}"


@pytest.fixture(scope="session", autouse=True)
def _require_postgres_when_asked(django_db_setup, django_db_blocker):
    """CI sets HALLBAR_REQUIRE_POSTGRES=1 for its second run: that run must really use PostgreSQL."""
    if os.environ.get("HALLBAR_REQUIRE_POSTGRES") == "1" and connection.vendor != "postgresql":
        pytest.exit(
            f"HALLBAR_REQUIRE_POSTGRES=1 but the tests run on {connection.vendor}. "
            "Set DATABASE_URL=postgres://... to a reachable server.",
            returncode=3,
        )


@pytest.fixture(scope="session", autouse=True)
def _uploads_in_a_temporary_folder(tmp_path_factory):
    """Evidence and other uploaded files go to a folder of this test session, never to var/uploads."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("uploads"))):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the rolled-back database reuses primary keys and content
    versions, so a page cached by an earlier test could otherwise be read again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fail_on_failed_tasks():
    """The immediate task backend swallows exceptions into the result; surface them in the test."""
    from django_tasks.base import TaskResultStatus
    from django_tasks.signals import task_finished

    failed = []

    def remember(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(task_result)

    task_finished.connect(remember, weak=False)
    yield
    task_finished.disconnect(remember)
    if failed:
        details = "\n".join(error.traceback for result in failed for error in result.errors)
        pytest.fail(f"{len(failed)} background task(s) failed:\n{details}")


@dataclass
class World:
    """One organisation with units and a user per role."""

    organisation: Organisation
    committee: OrganisationUnit
    administration: OrganisationUnit
    unit: OrganisationUnit
    sibling: OrganisationUnit
    users: dict[str, object] = field(default_factory=dict)

    def user(self, role: str):
        return self.users[role]


def build_world(prefix: str) -> World:
    organisation = OrganisationFactory(name=f"{prefix} kommun", slug=f"{prefix.lower()}-kommun")
    committee = UnitFactory(organisation=organisation, name=f"{prefix} nämnd", kind="committee")
    administration = UnitFactory(
        organisation=organisation, parent=committee, name=f"{prefix} förvaltning", kind="administration"
    )
    unit = UnitFactory(organisation=organisation, parent=administration, name=f"{prefix} enhet")
    sibling = UnitFactory(organisation=organisation, parent=committee, name=f"{prefix} annan förvaltning")
    world = World(organisation, committee, administration, unit, sibling)
    for role in Role.values:
        user = UserFactory(email=f"{role}@{prefix.lower()}.example.se", full_name=f"{prefix} {role}")
        unit_for_role = administration if role == Role.EDITOR else None
        MembershipFactory(user=user, organisation=organisation, unit=unit_for_role, role=role)
        world.users[role] = user
    return world


@pytest.fixture
def world_a(db) -> World:
    return build_world("A")


@pytest.fixture
def world_b(db) -> World:
    return build_world("B")


@pytest.fixture
def client_for(client):
    """``client_for(user)`` returns the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api(db):
    """``api(user)``: an API client authenticated with a token of ``user``; ``api()`` is anonymous.

    Messages are asked for in English (the language cookie), so tests can read them.
    """

    def make(user=None) -> APIClient:
        client = APIClient()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
