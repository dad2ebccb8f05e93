from django import template
from django.urls import reverse

from ..forms import EvidenceForm
from ..queries import evidence_for

register = template.Library()


@register.simple_tag
def evidence_section(subject, can_add=False) -> dict:
    """What ``documents/includes/evidence.html`` shows for ``subject``: its files, and the upload form
    (posting to the documents app's upload view) when ``can_add``."""
    label = subject._meta.label_lower
    return {
        "items": list(evidence_for(subject)),
        "form": EvidenceForm() if can_add else None,
        "upload_url": reverse("documents:evidence-upload", args=[label, subject.pk]),
    }
