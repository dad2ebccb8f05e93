import pytest
from django.conf import settings as django_settings


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores its files in a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield
