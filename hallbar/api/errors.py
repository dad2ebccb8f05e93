"""How a service's refusal reaches an API client: a 400 with the service's own message.

Every write in the API goes through a domain service, which refuses bad input with Django's
``ValidationError`` (in the user's language). ``refusals`` turns that into the API's 400 answer, and when
given the caller, records the writes in the change history as theirs (``acting_as``).
"""

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from hallbar.history.context import acting_as


def as_api_error(error: DjangoValidationError) -> ValidationError:
    """The refusal per field, as the service named the fields (``non_field_errors`` for the rest)."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:  # Django's "__all__" (from a model's clean) is DRF's "non_field_errors"
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return ValidationError(detail)


def as_detail(error: DjangoValidationError) -> ValidationError:
    """The refusal as one list of messages under ``detail``: for a step that has no fields (approve, move on)."""
    return ValidationError({"detail": error.messages})


@contextmanager
def refusals(user=None, *, detail: bool = False) -> Iterator[None]:
    """Run service calls (as ``user`` in the change history when given); a refusal becomes a 400."""
    try:
        with acting_as(user) if user is not None else nullcontext():
            yield
    except DjangoValidationError as error:
        raise (as_detail(error) if detail else as_api_error(error)) from error
