"""Exceptions raised by the Kolada client. Every failure is one of these (or ValueError for bad input)."""


class KoladaError(Exception):
    """Kolada answered, but not with something usable (4xx, malformed JSON, unexpected shape)."""


class KoladaHTTPError(KoladaError):
    """Kolada answered with an HTTP error status that is not worth retrying (4xx other than 429)."""

    def __init__(self, message: str, *, status: int, url: str):
        super().__init__(message)
        self.status = status
        self.url = url


class KoladaUnavailable(KoladaError):
    """Kolada could not be reached (no network, timeouts, or 429/5xx after all retries).

    Nothing was fetched, so nothing was changed: callers can show `user_message_sv` / `user_message_en`.
    """

    user_message_sv = "Kolada gick inte att nå. Ingenting har ändrats. Försök igen senare."
    user_message_en = "Kolada could not be reached. Nothing was changed. Please try again later."

    def __init__(self, message: str, *, url: str = "", attempts: int = 0):
        super().__init__(message)
        self.url = url
        self.attempts = attempts
