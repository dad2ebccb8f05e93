"""Helpers for content stored in both Swedish and English (``name_sv`` / ``name_en`` fields)."""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """The value of ``field`` in the active language, falling back to the other language."""
    language = (get_language() or "sv")[:2]
    preferred = getattr(obj, f"{field}_{language}", "") or ""
    if preferred:
        return preferred
    for other in ("sv", "en"):
        value = getattr(obj, f"{field}_{other}", "") or ""
        if value:
            return value
    return ""
