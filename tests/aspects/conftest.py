import pytest
from django.conf import settings


@pytest.fixture
def english(client):
    """The test client, asking for English pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield
