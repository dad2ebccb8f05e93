"""An import job: one uploaded file on its way from preview to commit, and its report afterwards."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .registry import get_spec


class ImportJobManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().defer("file_data")  # read only by services.file_of


class ImportJob(models.Model):
    organisation_lookup = "organisation"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        PREVIEWED = "previewed", _("Checked, not yet imported")
        COMMITTING = "committing", _("Importing")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    spec_key = models.CharField(_("kind of data"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    # The file itself is kept in the database (see docs/decisions/0011-imports.md): one backup, and
    # the background worker reads it wherever it runs. zlib-compressed (services.file_of reads it).
    # Not editable, so not copied into the history.
    file_data = models.BinaryField(editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    headers = models.JSONField(default=list, editable=False)
    header_row = models.PositiveIntegerField(default=1, editable=False)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.UPLOADED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("new"), default=0)
    replaced_count = models.PositiveIntegerField(_("replaced"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # [[row, column, code, value, detail], …], the first MAX_STORED_ERRORS; rendered when shown.
    errors = models.JSONField(default=list, editable=False)
    preview = models.JSONField(default=list, editable=False)  # the first rows as they will be imported
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = ImportJobManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        spec = self.spec
        kind = spec.label if spec else self.spec_key
        return f"{kind}: {self.original_filename}"

    def get_absolute_url(self) -> str:
        return reverse("imports:job", args=[self.pk])

    @property
    def spec(self):
        return get_spec(self.spec_key)

    @property
    def can_commit(self) -> bool:
        return self.status == self.Status.PREVIEWED and self.error_count == 0 and self.row_count > 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMMITTED, self.Status.FAILED)
