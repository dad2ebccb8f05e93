"""Per-organisation content versions and the page fragments cached on them.

Every write that can change what an organisation's pages show raises its ``ContentVersion``
(``bump``; the model signals that do so are in ``portal/signals.py``, bulk writes call ``bump`` or
``bump_all`` themselves). Cache keys contain the version, so one raise retires every cached fragment
and public page of the organisation at once; old entries are never read again and expire after
``HALLBAR_CONTENT_CACHE_SECONDS`` (default 15 minutes, also the longest a change that bypassed every
signal can stay invisible; 0 caches nothing).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from .models import ContentVersion, Organisation

CACHE_SECONDS = 15 * 60


def timeout() -> int:
    return int(getattr(settings, "HALLBAR_CONTENT_CACHE_SECONDS", CACHE_SECONDS))


def bump(organisation_id: int | None) -> None:
    """Raise the organisation's content version: everything cached of it is retired."""
    if organisation_id is None:
        return
    updated = ContentVersion.objects.filter(organisation_id=organisation_id).update(number=F("number") + 1)
    if not updated and Organisation.objects.filter(pk=organisation_id).exists():
        ContentVersion.objects.get_or_create(organisation_id=organisation_id, defaults={"number": 1})


def bump_all() -> None:
    """Raise every organisation's version: for shared data shown on all of them (Kolada values)."""
    ContentVersion.objects.update(number=F("number") + 1)


def version(organisation) -> int:
    """The organisation's current version (read once per organisation instance, i.e. once a request)."""
    try:
        return organisation.content_version.number
    except ContentVersion.DoesNotExist:
        return 0


def fragment(organisation, name: str, parts: tuple, build: Callable[[], Any]) -> Any:
    """``build()``'s result, cached under the organisation's version, the language, today's date (for
    date rules such as "overdue"), ``name`` and ``parts``.

    ``parts`` must name everything else the result depends on (the record, the shown unit, the user
    when it holds per-user links or follows the user's scope).
    """
    seconds = timeout()
    if seconds <= 0:
        return build()
    today = timezone.localdate().isoformat()
    fields = ("fragment", name, organisation.pk, version(organisation), get_language(), today, *parts)
    key = ":".join(str(field) for field in fields)
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, seconds)
    return found
