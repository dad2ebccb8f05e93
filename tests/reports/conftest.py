"""Fixtures for the report builder's tests."""

import pytest


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service messages and report content are asserted in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _english_pages(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def png_file():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (31, 92, 153)).save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")
