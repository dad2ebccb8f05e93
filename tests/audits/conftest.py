import pytest
from django.conf import settings

from hallbar.accounts.roles import Role

from .factories import ProgrammeFactory


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


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
