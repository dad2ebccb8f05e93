"""Who is acting right now: set per request by the middleware, or explicitly in jobs and commands."""

from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar = ContextVar("hallbar_actor", default=None)


def current_actor():
    return _actor.get()


@contextmanager
def acting_as(user):
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)
