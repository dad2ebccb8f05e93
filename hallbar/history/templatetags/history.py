from django import template

from hallbar.history.display import field_changes

register = template.Library()


@register.filter
def changes_of(record) -> list[dict]:
    return field_changes(record)
