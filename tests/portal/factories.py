"""Factories for the public portal (kept with the portal tests)."""

from hallbar.portal import services
from hallbar.portal.models import PortalSettings


def portal_on(organisation, **fields):
    """The organisation's portal, open (created or updated)."""
    settings, _created = PortalSettings.objects.update_or_create(
        organisation=organisation, defaults={"is_enabled": True, **fields}
    )
    return organisation


def published(obj, user=None):
    """``obj`` published on its organisation's portal, the portal opened; returns ``obj``."""
    publication = services.publish(obj, user=user)
    portal_on(publication.organisation)
    return obj
