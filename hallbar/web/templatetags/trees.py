"""Nested lists for trees (unit trees, framework libraries), rendered in Python.

A recursive ``{% include %}`` costs a template render per node; an organisation with a thousand
units made the structure page take seconds. These tags build the same accessible ``<ul>`` markup
in one pass.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _render(nodes: list[dict], key: str, label) -> SafeString:
    parts = []
    for node in nodes:
        children = _render(node["children"], key, label) if node["children"] else ""
        parts.append(format_html("<li>{}{}</li>", label(node[key]), children))
    return format_html('<ul class="tree">{}</ul>', mark_safe("".join(parts)))  # noqa: S308 - parts are escaped


def _unit_label(unit) -> SafeString:
    inactive = format_html(' <span class="badge badge--muted">{}</span>', _("inactive")) if not unit.is_active else ""
    return format_html(
        '<a href="{}">{}</a> <span class="badge">{}</span>{}',
        unit.get_absolute_url(),
        unit.name,
        unit.get_kind_display(),
        inactive,
    )


def _item_label(item) -> SafeString:
    ref = format_html('<span class="ref">{}</span> ', item.ref) if item.ref else ""
    return format_html('<a href="{}">{}{}</a>', item.get_absolute_url(), ref, item.name)


@register.simple_tag
def unit_tree(nodes: list[dict]) -> SafeString:
    """``nodes`` as built by :func:`hallbar.organisations.queries.unit_tree`."""
    return _render(nodes, "unit", _unit_label) if nodes else ""


@register.simple_tag
def item_tree(nodes: list[dict]) -> SafeString:
    """``nodes`` as built by :func:`hallbar.frameworks.queries.item_tree`."""
    return _render(nodes, "item", _item_label) if nodes else ""
