"""Fixtures for the tests of this app."""

import pytest


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages are read in English here (the test client asks for English)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def api(db):
    """``api(user)``: an API client with a token of ``user``, asking for English messages."""
    from django.conf import settings
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
