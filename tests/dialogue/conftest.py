import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Public pages are cached; every test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages are asserted in English (tests of Swedish pages set the cookie back to "sv")."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service messages are asserted in English; tests of the Swedish text override "sv" themselves."""
    from django.utils import translation

    with translation.override("en"):
        yield
