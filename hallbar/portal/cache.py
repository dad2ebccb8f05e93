"""The public pages' cache: whole responses, keyed by organisation, content version, language and path.

Raising the organisation's content version (``organisations.content.bump``, called by ``signals``) makes every
key of the organisation new at once; old entries are never read again and expire after
``HALLBAR_CONTENT_CACHE_SECONDS`` (``organisations.content.timeout``: default 15 minutes, also the
longest a change that bypassed every signal can stay invisible). Only successful GET answers are stored.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from hallbar.organisations.content import timeout, version

PREFIX = "portal-page"


def key(organisation, request) -> str:
    # The path only: public pages take no parameters, so ``?anything`` neither bypasses nor floods the cache.
    # The host is in the key because the page's canonical address is built from it.
    return f"{PREFIX}:{organisation.pk}:{version(organisation)}:{get_language()}:{request.get_host()}:{request.path}"


def cached_response(organisation, request, build) -> HttpResponse:
    """The cached answer for this page, or ``build()``'s answer, stored when it is a 200."""
    if request.method not in ("GET", "HEAD"):
        return build()
    cache_key = key(organisation, request)
    stored = cache.get(cache_key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["X-Portal-Cache"] = "hit"
        return response
    response = build()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.status_code == 200 and not response.streaming:
        headers = {name: value for name, value in response.items() if name.lower() in KEPT_HEADERS}
        cache.set(cache_key, (response.content, headers), timeout())
    response["X-Portal-Cache"] = "miss"
    return response


KEPT_HEADERS = {"content-type", "content-disposition", "link", "content-language"}
