"""``{{ value|measure }}``: a number in the active language's notation (4,5 in Swedish), see core.numbers."""

from django import template

from hallbar.core import numbers

register = template.Library()


@register.filter
def measure(value) -> str:
    return numbers.measure(value)
