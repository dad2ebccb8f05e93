"""Evidence: a stored file that evidences something — an evaluation, an audit finding, a document …

The object it belongs to is its *subject*, through a generic relation, so every app attaches files
the same way (``services.attach_evidence``) and shows them with the include
``documents/includes/evidence.html``. ``clauses`` names the requirement clauses (of standards such
as ISO 14001) the file evidences; the certification readiness pages count them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation

from .files import StoredFile


class EvidenceQuerySet(models.QuerySet):
    def for_subject(self, subject: models.Model):
        return self.filter(subject_type=ContentType.objects.get_for_model(type(subject)), subject_id=subject.pk)


class Evidence(StoredFile):
    organisation_lookup = "organisation"

    file_folder = "evidence"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="evidence"
    )
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("record id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    description = models.TextField(_("description"), blank=True)
    clauses = models.ManyToManyField(
        FrameworkItem,
        verbose_name=_("requirement clauses"),
        blank=True,
        related_name="evidence",
        help_text=_("The clauses of standards that this file shows are met."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence files")
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return self.original_name or str(_("evidence"))

    def get_absolute_url(self) -> str:
        return reverse("documents:evidence-download", args=[self.pk])
