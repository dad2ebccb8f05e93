from django import template

from ..models import Status

register = template.Library()

# Shown next to the status text (never instead of it); hidden from screen readers.
STATUS_SYMBOLS = {
    Status.PLANNED: "○",
    Status.IN_PROGRESS: "▶",
    Status.REPORT_WRITTEN: "✎",
    Status.CLOSED: "✓",
}


@register.filter
def audit_status_symbol(status: str) -> str:
    return STATUS_SYMBOLS.get(status, "")
