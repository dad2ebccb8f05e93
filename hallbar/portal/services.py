"""Every write of the portal: publishing and unpublishing records and the portal settings (the content
version that retires cached public pages is ``organisations.content.bump``, see ``cache.py``)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from hallbar.accounts.scoping import organisation_id_of

from .models import PortalSettings, Publication


def settings_for(organisation) -> PortalSettings:
    """The organisation's saved settings, or unsaved defaults (portal closed, CC BY 4.0)."""
    saved = PortalSettings.objects.filter(organisation=organisation).first()
    return saved or PortalSettings(organisation=organisation)


def save_settings(portal_settings: PortalSettings) -> PortalSettings:
    portal_settings.full_clean()
    portal_settings.save()
    return portal_settings


@transaction.atomic
def publish(obj, *, user=None) -> Publication:
    """Publish ``obj`` (a plan, goal, indicator or action plan); publishing twice changes nothing."""
    content_type = ContentType.objects.get_for_model(type(obj))
    existing = Publication.objects.filter(content_type=content_type, object_id=obj.pk).first()
    if existing is not None:
        return existing
    publication = Publication(
        organisation_id=organisation_id_of(obj), content_type=content_type, object_id=obj.pk, published_by=user
    )
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def unpublish(obj) -> bool:
    """Take ``obj`` off the portal; True when it was published. Each row is deleted on its own so the
    history records who took it down."""
    content_type = ContentType.objects.get_for_model(type(obj))
    publications = list(Publication.objects.filter(content_type=content_type, object_id=obj.pk))
    for publication in publications:
        publication.delete()
    return bool(publications)


def forget(obj) -> None:
    """A published record was deleted: its publication goes with it."""
    content_type = ContentType.objects.get_for_model(type(obj))
    for publication in Publication.objects.filter(content_type=content_type, object_id=obj.pk):
        publication.delete()
