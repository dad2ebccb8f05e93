from django import template

from .. import queries
from ..models import Stage

register = template.Library()


@register.simple_tag
def nonconformities_for(source) -> list:
    """The nonconformities raised from ``source``: ``{% nonconformities_for obj as rows %}``."""
    return list(queries.for_source(source))


@register.inclusion_tag("nonconformities/includes/stage.html")
def stage_badge(nonconformity):
    return {"stage": nonconformity.stage, "label": nonconformity.get_stage_display(), "closed": Stage.CLOSED}
