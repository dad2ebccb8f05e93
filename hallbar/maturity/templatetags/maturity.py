"""``{{ change|signed }}``: a change of stage as people read it: +1, −0,5 (language's decimals), ±0."""

from django import template

from hallbar.core import numbers

register = template.Library()


@register.filter
def signed(value) -> str:
    if value is None:
        return ""
    if value == 0:
        return "±0"
    text = numbers.measure(abs(value))
    return f"+{text}" if value > 0 else f"−{text}"
