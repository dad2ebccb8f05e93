import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hallbar.accounts.roles import Role

from .factories import ProgrammeFactory


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def api(db):
    """``api(user)``: an API client with a token of ``user``, asking for English messages."""

    def make(user) -> APIClient:
        client = APIClient()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def programme(world_a):
    return ProgrammeFactory(organisation=world_a.organisation, title="Internrevisioner 2026")


@pytest.fixture
def auditor(world_a):
    """The organisation-wide auditor: independent of every unit."""
    return world_a.user(Role.AUDITOR)


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield
