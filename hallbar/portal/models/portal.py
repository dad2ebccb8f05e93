"""What an organisation shows on its public portal: the portal's settings (licence, contact, the
accessibility statement) and one Publication per published object (plan, goal, indicator, action plan,
adopted climate budget, or the organisation itself: its climate figures).

See docs/decisions/0015-public-portal.md for why publications are generic rows rather than flags on
each model, and how the per-organisation content version (``organisations.ContentVersion``) invalidates
the public pages' cache.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation


@dataclass(frozen=True)
class Licence:
    key: str
    name: object  # a lazily translated name
    url: str


LICENCES = {
    licence.key: licence
    for licence in (
        Licence(
            "cc-by-4.0",
            _("Creative Commons Attribution 4.0 International (CC BY 4.0)"),
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "cc-by-sa-4.0",
            _("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"),
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence(
            "cc0-1.0",
            _("Creative Commons Zero 1.0 Universal (CC0 1.0, public domain)"),
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
    )
}


class PortalSettings(models.Model):
    """One per organisation: whether the portal is open, the open-data licence, the public contact and
    the accessibility statement (lagen (2018:1937) om tillgänglighet till digital offentlig service, in
    the structure of DIGG's model statement)."""

    organisation_lookup = "organisation"

    class Compliance(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NONE = "none", _("Not compliant")

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="portal_settings"
    )
    is_enabled = models.BooleanField(
        _("public portal open"),
        default=False,
        help_text=_("When closed, every public page and open-data file of the organisation answers “not found”."),
    )
    licence = models.CharField(
        _("licence for open data"),
        max_length=20,
        choices=[(key, licence.name) for key, licence in LICENCES.items()],
        default="cc-by-4.0",
    )
    contact_email = models.EmailField(
        _("contact e-mail for the public"),
        blank=True,
        help_text=_("Shown on the public pages and in the data catalogue."),
    )
    compliance = models.CharField(
        _("compliance with the accessibility requirements"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    non_accessible_content = models.TextField(
        _("content that is not accessible"),
        blank=True,
        help_text=_("What is not accessible, why, and any accessible alternative."),
    )
    report_problem = models.TextField(
        _("how to report a problem"),
        blank=True,
        help_text=_("How a visitor tells you about an accessibility problem or asks for content in another form."),
    )
    enforcement = models.TextField(
        _("enforcement procedure"),
        blank=True,
        help_text=_("Leave empty for the standard text about the Agency for Digital Government (DIGG)."),
    )
    assessment_method = models.TextField(_("how the site was assessed"), blank=True)
    assessed_on = models.DateField(_("date of the assessment"), null=True, blank=True)
    statement_updated_on = models.DateField(_("statement last updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("portal settings")
        verbose_name_plural = _("portal settings")

    def __str__(self) -> str:
        return str(_("Public portal of %(organisation)s") % {"organisation": self.organisation})

    @property
    def licence_info(self) -> Licence:
        return LICENCES.get(self.licence, LICENCES["cc-by-4.0"])


class Publication(models.Model):
    """One published object. Only the kinds in ``hallbar.portal.publishable`` may be published."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="publications"
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("object id"))
    item = GenericForeignKey("content_type", "object_id")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["content_type", "object_id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="portal_publication_once")]
        indexes = [models.Index(fields=["organisation", "content_type"])]

    def __str__(self) -> str:
        return str(self.item) if self.item is not None else f"{self.content_type} {self.object_id}"

    def clean(self) -> None:
        from hallbar.accounts.scoping import organisation_id_of

        from ..publishable import KINDS, kind_of

        if self.content_type_id and self.content_type.model_class() not in {kind.model for kind in KINDS.values()}:
            raise ValidationError(_("This kind of record cannot be published."))
        item = self.item
        if item is None:
            raise ValidationError(_("The record to publish does not exist."))
        if organisation_id_of(item) != self.organisation_id:
            raise ValidationError(_("The record must belong to the same organisation."))
        kind = kind_of(item)
        if not kind.may_publish(item):
            raise ValidationError(str(kind.refusal))
