import pytest


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield
