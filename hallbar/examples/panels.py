"""What the examples app adds to other apps' pages (registered in ``apps.py``)."""

from .queries import origin_of


def origin_panel(request, action) -> dict | None:
    """The action page's "Copied from the good example X of Organisation" (linked while the example is shared)."""
    origin = origin_of(action)
    return {"template": "examples/includes/origin.html", "origin": origin} if origin else None
