"""Template helpers for actions: amounts in kronor, status symbols and links to any object."""

from django import template
from django.urls import NoReverseMatch
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.text import capfirst

from .. import rules

register = template.Library()


@register.filter
def sek(value) -> str:
    """1250000 → "1 250 000 kr" (grouped in the active language's notation); empty stays empty."""
    if value is None or value == "":
        return ""
    return f"{number_format(value, decimal_pos=0, force_grouping=True)} kr"


@register.filter
def status_symbol(status: str) -> str:
    return rules.STATUS_SYMBOLS.get(status, "")


@register.simple_tag
def stale_symbol() -> str:
    return rules.STALE_SYMBOL


@register.simple_tag
def overdue_symbol() -> str:
    return rules.OVERDUE_SYMBOL


@register.filter
def overdue(action) -> bool:
    """Overdue by date alone (for lists that were not passed through ``queries.flag``)."""
    return rules.is_overdue(action)


def url_of(obj) -> str | None:
    """The object's page, or None when it has none (yet): apps built later may lack pages."""
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None


@register.simple_tag
def object_link(obj, with_kind: bool = False):
    """A link to any object's page (plain text when it has none), optionally prefixed with its kind."""
    if obj is None:
        return ""
    text = f"{capfirst(obj._meta.verbose_name)}: {obj}" if with_kind else str(obj)
    url = url_of(obj)
    return format_html('<a href="{}">{}</a>', url, text) if url else text
