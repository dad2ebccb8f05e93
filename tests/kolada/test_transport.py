"""The default urllib transport, with urlopen replaced (no network)."""

import http.client
import io
import urllib.error

import pytest

from hallbar.kolada import transport as transport_module
from hallbar.kolada.transport import urllib_transport


class FakeResponse(io.BytesIO):
    status = 200


def test_returns_status_and_body(monkeypatch):
    seen = {}

    def urlopen(request, timeout):
        seen.update(url=request.full_url, timeout=timeout, accept=request.get_header("Accept"))
        return FakeResponse(b'{"values": []}')

    monkeypatch.setattr(transport_module.urllib.request, "urlopen", urlopen)
    assert urllib_transport("https://api.kolada.se/v3/kpi", 3) == (200, b'{"values": []}')
    assert seen == {"url": "https://api.kolada.se/v3/kpi", "timeout": 3, "accept": "application/json"}


def test_http_errors_are_returned_as_status(monkeypatch):
    def urlopen(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 503, "busy", {}, io.BytesIO(b"busy"))

    monkeypatch.setattr(transport_module.urllib.request, "urlopen", urlopen)
    assert urllib_transport("https://api.kolada.se/v3/kpi", 3) == (503, b"busy")


def test_timeout_wrapped_in_urlerror_becomes_timeouterror(monkeypatch):
    def urlopen(request, timeout):
        raise urllib.error.URLError(TimeoutError("timed out"))

    monkeypatch.setattr(transport_module.urllib.request, "urlopen", urlopen)
    with pytest.raises(TimeoutError):
        urllib_transport("https://api.kolada.se/v3/kpi", 3)


def test_unreachable_raises_urlerror(monkeypatch):
    def urlopen(request, timeout):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(transport_module.urllib.request, "urlopen", urlopen)
    with pytest.raises(urllib.error.URLError):
        urllib_transport("https://api.kolada.se/v3/kpi", 3)


def test_broken_answer_becomes_connectionerror(monkeypatch):
    def urlopen(request, timeout):
        raise http.client.IncompleteRead(b"{")

    monkeypatch.setattr(transport_module.urllib.request, "urlopen", urlopen)
    with pytest.raises(ConnectionError):
        urllib_transport("https://api.kolada.se/v3/kpi", 3)
