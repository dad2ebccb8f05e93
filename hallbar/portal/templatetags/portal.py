"""``{% publish_toggle object %}``: on a record's internal page, whether it is on the public portal, a
link to its public page, and for coordinators a button to publish or unpublish it."""

from django import template

from hallbar.accounts.roles import Permission
from hallbar.accounts.scoping import organisation_id_of
from hallbar.organisations import content

from .. import queries, services
from ..publishable import kind_of, public_url

register = template.Library()


@register.inclusion_tag("portal/includes/publish_toggle.html", takes_context=True)
def publish_toggle(context, obj):
    request = context["request"]
    kind = kind_of(obj)
    scope = getattr(request, "scope", None)
    organisation = getattr(request, "organisation", None)
    if kind is None or scope is None or organisation is None or organisation.pk != organisation_id_of(obj):
        return {"shown": False}
    # Read once per content version (publishing and the portal settings raise it), not on every view.
    is_published, portal_open = content.fragment(
        organisation,
        "publish-state",
        (obj._meta.label_lower, obj.pk),
        lambda: (queries.publication_of(obj) is not None, services.settings_for(organisation).is_enabled),
    )
    return {
        "shown": True,
        "object": obj,
        "label": kind.label,
        "is_published": is_published,
        "portal_open": portal_open,
        "public_url": public_url(obj, organisation) if is_published else None,
        "can_publish": scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=organisation.pk),
        "next_url": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
