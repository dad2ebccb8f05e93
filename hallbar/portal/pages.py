"""What every public page around the portal shares: the page shell's context (``shell_context``) and the
visitor's language for the public pages (``LANGUAGE_COOKIE``, ``visitor_language``).

Used by the portal's own pages and by other apps' public pages (the dialogue form), so their header,
footer, licence statement and language follow the same rules.

The public language is a cookie of its own: choosing English on a public page must not change the
language a signed-in person chose for the internal pages (their profile and the ``LANGUAGE_COOKIE_NAME``
cookie the profile sets). Without the public cookie a public page follows the ordinary choice.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from .publishable import address, home_url

LANGUAGE_COOKIE = "hallbar_portal_language"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
SUPPORTED = {code for code, _name in settings.LANGUAGES}


def visitor_language(request) -> str:
    """The language chosen on a public page, else the one the language middleware chose."""
    chosen = request.COOKIES.get(LANGUAGE_COOKIE)
    return chosen if chosen in SUPPORTED else translation.get_language()


def in_visitor_language(request, build):
    """``build()``'s response, rendered in the public visitor's language."""
    language = visitor_language(request)
    request.LANGUAGE_CODE = language
    with translation.override(language):
        response = build()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    response["Content-Language"] = language
    return response


def shell_context(request, organisation) -> dict:
    """The public page shell: the organisation, its portal settings and licence, the addresses of its
    home page, data catalogue and accessibility statement, and the page's canonical address. Nothing of
    the signed-in visitor: portal pages are cached for everyone and the shell must look the same."""
    portal = organisation.portal_settings
    return {
        "organisation": organisation,
        "portal": portal,
        "licence": portal.licence_info,
        "home_url": home_url(organisation),
        "catalogue_url": reverse("portal:catalogue", kwargs=address(organisation)),
        "accessibility_url": reverse("portal:accessibility", kwargs=address(organisation)),
        "page_url": request.build_absolute_uri(request.path),
        "user": AnonymousUser(),
        "perms": None,
        "messages": (),
    }
