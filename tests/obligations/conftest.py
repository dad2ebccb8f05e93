import pytest
from django.conf import settings as django_settings


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Evidence files go to a temporary folder, never to var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield
