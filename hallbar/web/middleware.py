"""Choose the interface language: the user's explicit choice, then their profile, then Swedish.

Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language header on purpose:
Hållbar is a Swedish product and shows Swedish unless someone asks for English.
"""

from django.conf import settings
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in SUPPORTED:
            user = getattr(request, "user", None)
            language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language not in SUPPORTED:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # restores the thread's language afterwards
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
