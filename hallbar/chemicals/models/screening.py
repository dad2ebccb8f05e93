"""A screening: one unit's article list checked against the substance lists, with the result of every
article. The matches are a record: they keep the substance's name and reason as they were found."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit

from .substances import SubstanceList


class Screening(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "unit"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="chemical_screenings"
    )
    unit = models.ForeignKey(
        OrganisationUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="chemical_screenings"
    )
    title = models.CharField(_("title"), max_length=300)
    screened_at = models.DateTimeField(_("screened"), auto_now_add=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("screened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    candidate_list = models.ForeignKey(
        SubstanceList,
        verbose_name=_("Candidate List version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
    )
    article_count = models.PositiveIntegerField(_("articles"), default=0)
    flagged_count = models.PositiveIntegerField(_("articles with matches"), default=0)
    unidentified_count = models.PositiveIntegerField(
        _("articles without CAS or EC numbers"), default=0, help_text=_("These could not be screened.")
    )

    class Meta:
        ordering = ["-screened_at", "-pk"]
        verbose_name = _("chemical screening")
        verbose_name_plural = _("chemical screenings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("chemicals:screening-detail", args=[self.pk])


class ScreeningArticle(models.Model):
    organisation_lookup = "screening__organisation"
    unit_lookup = "screening__unit"

    screening = models.ForeignKey(
        Screening, verbose_name=_("screening"), on_delete=models.CASCADE, related_name="articles"
    )
    row = models.PositiveIntegerField(_("row in the file"))
    name = models.CharField(_("article"), max_length=300)
    supplier = models.CharField(_("supplier"), max_length=300, blank=True)
    cas_numbers = models.CharField(_("CAS numbers"), max_length=500, blank=True)
    ec_numbers = models.CharField(_("EC numbers"), max_length=500, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3, null=True, blank=True)
    quantity_unit = models.CharField(_("unit of quantity"), max_length=30, blank=True)
    is_flagged = models.BooleanField(_("has matches"), default=False)

    class Meta:
        ordering = ["screening", "row", "pk"]
        verbose_name = _("screened article")
        verbose_name_plural = _("screened articles")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.screening.get_absolute_url() + f"#article-{self.pk}"


class ArticleMatch(models.Model):
    class Source(models.TextChoices):
        CANDIDATE_LIST = "candidate", _("EU Candidate List")
        PHASE_OUT = "phase_out", _("Own phase-out list")

    class Kind(models.TextChoices):
        CAS = "cas", _("CAS number")
        EC = "ec", _("EC number")

    organisation_lookup = "article__screening__organisation"
    unit_lookup = "article__screening__unit"

    article = models.ForeignKey(
        ScreeningArticle, verbose_name=_("article"), on_delete=models.CASCADE, related_name="matches"
    )
    source = models.CharField(_("list"), max_length=16, choices=Source.choices)
    kind = models.CharField(_("matched by"), max_length=8, choices=Kind.choices)
    identifier = models.CharField(_("number"), max_length=12)
    substance_name = models.TextField(_("substance"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["article", "source", "identifier", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.identifier} {self.substance_name}"
