"""The default HTTP transport: stdlib urllib, no extra dependencies.

A transport is any callable ``(url: str, timeout: float) -> (status: int, body: bytes)``. It returns every
HTTP answer, error statuses included, and raises ``TimeoutError`` on a timeout and ``OSError`` (which
``urllib.error.URLError`` is) when the server cannot be reached. Tests inject a fake one.
"""

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable

Transport = Callable[[str, float], tuple[int, bytes]]

USER_AGENT = "hallbar-kolada-client/1"


def urllib_transport(url: str, timeout: float) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise TimeoutError(f"timed out after {timeout} s") from error
        raise
    except http.client.HTTPException as error:  # e.g. IncompleteRead: the connection broke mid-answer
        raise ConnectionError(f"broken HTTP answer: {error!r}") from error
