import pytest


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages are asserted in English."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service messages are asserted in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
