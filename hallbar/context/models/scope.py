"""The scope of the management system (ISO 14001 clause 4.3), kept in versions.

Each organisation has numbered versions. A version is a *draft* until it is approved (who approved it
and when); approved versions are a record and never change. The *current* scope is the approved
version with the highest number. Changing the scope means writing a new version, at most one draft at
a time; the rules live in :mod:`hallbar.context.services`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit


class ScopeStatement(models.Model):
    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="scope_statements"
    )
    version = models.PositiveIntegerField(_("version"), editable=False)
    text = models.TextField(
        _("scope"), help_text=_("What the management system covers, as the organisation states it.")
    )
    boundaries = models.TextField(
        _("boundaries"), blank=True, help_text=_("Which activities, services and sites are included.")
    )
    units = models.ManyToManyField(
        OrganisationUnit, verbose_name=_("units included"), blank=True, related_name="scope_statements"
    )
    exclusions = models.TextField(
        _("exclusions and their justification"),
        blank=True,
        help_text=_("What is left out of the scope, and why."),
    )
    valid_from = models.DateField(_("valid from"))
    approved_by = models.CharField(
        _("approved by"), max_length=200, blank=True, help_text=_("For example the municipal executive board.")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "-version"]
        verbose_name = _("scope statement")
        verbose_name_plural = _("scope statements")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="scope_statement_version_unique"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(approved_on__isnull=True),
                name="scope_statement_one_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(approved_on__isnull=True, approved_by="")
                | (models.Q(approved_on__isnull=False) & ~models.Q(approved_by="")),
                name="scope_statement_approval_complete",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Scope, version %(version)s") % {"version": self.version})

    def get_absolute_url(self) -> str:
        return reverse("context:scope-version", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None

    def clean(self) -> None:
        errors = {}
        if bool(self.approved_by.strip()) != (self.approved_on is not None):
            field = "approved_on" if self.approved_by.strip() else "approved_by"
            errors[field] = _("Give both who approved the scope and when, or neither (a draft).")
        if self.approved_on and self.approved_on > timezone.localdate():
            errors["approved_on"] = _("The approval date cannot be in the future.")
        if errors:
            raise ValidationError(errors)
