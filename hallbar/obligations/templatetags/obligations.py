"""Template helpers for compliance obligations: the symbols shown next to results and flags."""

from django import template

from .. import rules

register = template.Library()


@register.filter
def result_symbol(result: str) -> str:
    return rules.RESULT_SYMBOLS.get(result, rules.NOT_EVALUATED_SYMBOL)


@register.simple_tag
def overdue_symbol() -> str:
    return rules.OVERDUE_SYMBOL
