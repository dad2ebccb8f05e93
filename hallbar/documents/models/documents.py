"""Controlled documents (policies, procedures, instructions, plans …) and their numbered versions.

What a version may become and who may approve it lives in :mod:`hallbar.documents.rules` and
:mod:`hallbar.documents.services`; these models hold the data and the simple field checks.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation, OrganisationUnit

from ..rules import DEFAULT_REVIEW_INTERVAL_MONTHS, Kind, VersionStatus
from .files import StoredFile


class ControlledDocument(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    Kind = Kind

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="controlled_documents"
    )
    kind = models.CharField(_("kind of document"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    reference_code = models.CharField(
        _("reference code"), max_length=40, blank=True, help_text=_("The organisation's own code, e.g. MLS-RUT-03.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("document owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_documents",
        help_text=_("Keeps the document up to date and reviews it."),
    )
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="controlled_documents",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("How often the document is reviewed. Approving a version sets the next review date from it."),
    )
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    clauses = models.ManyToManyField(
        FrameworkItem,
        verbose_name=_("requirement clauses"),
        blank=True,
        related_name="controlled_documents",
        help_text=_("The clauses of standards that this document helps to meet."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "reference_code", "title", "pk"]
        verbose_name = _("controlled document")
        verbose_name_plural = _("controlled documents")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference_code"],
                condition=~models.Q(reference_code=""),
                name="unique_document_reference_code",
                violation_error_message=_("Another document of the organisation has this reference code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference_code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = {}
        if self.responsible_unit_id and self.responsible_unit.organisation_id != self.organisation_id:
            errors["responsible_unit"] = _("The responsible unit must belong to the same organisation.")
        if self.owner_id and self.organisation_id:
            member = Membership.objects.filter(
                user_id=self.owner_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["owner"] = _("The document owner must be a member of the organisation.")
        if errors:
            raise ValidationError(errors)


class DocumentVersion(StoredFile):
    """One version of a controlled document: its text and/or a file, and how it was approved.

    Number, status, author and approval are written only by ``services`` (the forms do not offer them);
    they are editable fields so that the change history records them."""

    organisation_lookup = "document__organisation"
    unit_lookup = "document__responsible_unit"

    Status = VersionStatus
    file_folder = "documents"

    document = models.ForeignKey(
        ControlledDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"), blank=True, help_text=_("The document's text. Or attach a file, or both."))
    change_summary = models.TextField(_("what has changed"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version_number"),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status=VersionStatus.APPROVED),
                name="one_approved_version_per_document",
            ),
            models.UniqueConstraint(
                fields=["document"], condition=models.Q(status=VersionStatus.DRAFT), name="one_draft_per_document"
            ),
        ]

    def __str__(self) -> str:
        return _("%(document)s, version %(number)s") % {"document": self.document, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("documents:version", args=[self.pk])
