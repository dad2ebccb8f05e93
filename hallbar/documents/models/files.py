"""A file kept with a record: stored under MEDIA_ROOT at a random path, served only by views that
check the reader's scope (no URL pattern serves MEDIA_URL)."""

import secrets
from pathlib import PurePath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def stored_file_path(instance, filename: str) -> str:
    """``<folder>/<year>/<32 random hex digits><extension>``: nothing in it can be guessed or names the
    organisation or the file; the original name is kept in ``original_name``."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"{instance.file_folder}/{timezone.now():%Y}/{secrets.token_hex(16)}{extension}"


class StoredFile(models.Model):
    """The file fields shared by evidence and document versions; written by ``services.store_file``."""

    file_folder = "files"

    file = models.FileField(_("file"), upload_to=stored_file_path, max_length=255, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type of file"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)

    class Meta:
        abstract = True

    @property
    def has_file(self) -> bool:
        return bool(self.file)
