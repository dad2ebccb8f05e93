from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def example_origin(action):
    """The origin of an action copied from a good example, or None."""
    return queries.origin_of(action)
