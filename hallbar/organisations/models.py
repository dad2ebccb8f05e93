"""Organisations, their unit trees, and the reference list of Swedish municipalities and counties."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .validators import normalise_org_number, validate_org_number


class County(models.Model):
    """A Swedish county (län), reference data from SCB."""

    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A Swedish municipality (kommun), reference data from SCB and SKR."""

    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    skr_group = models.CharField(_("SKR municipality group"), max_length=2, blank=True)
    skr_group_name = models.CharField(_("SKR group name"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Organisation(models.Model):
    """A tenant: a municipality, region, county administrative board or company using Hållbar."""

    organisation_lookup = "pk"

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        COUNTY_BOARD = "county_board", _("County administrative board")
        MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    official_code = models.CharField(
        _("official code"),
        max_length=20,
        blank=True,
        help_text=_("For example the SCB municipality or county code."),
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, for example 212000-0142."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["org_number"], condition=~Q(org_number=""), name="unique_org_number")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.org_number:
            self.org_number = normalise_org_number(self.org_number)
        if self.municipality_id and not self.official_code:
            self.official_code = self.municipality.code
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:80]


class OrganisationUnit(models.Model):
    """A node in an organisation's tree: committee, administration, unit or company, of any depth.

    ``path`` is a materialised path of zero-padded ids (``"000012/000034/"``) so that a subtree is one
    indexed prefix query on both SQLite and PostgreSQL.
    """

    organisation_lookup = "organisation"
    unit_lookup = "pk"

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee")
        ADMINISTRATION = "administration", pgettext_lazy("kind of unit", "Administration")
        UNIT = "unit", _("Unit")
        COMPANY = "company", _("Municipal company")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.UNIT)
    code = models.CharField(_("code"), max_length=40, blank=True, help_text=_("For example a cost centre."))
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("For municipal companies: ten digits, for example 556000-0000."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    path = models.CharField(max_length=700, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Keep ``path`` and ``depth`` true, also for the subtree when the unit moves."""
        old_path = self.path
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        prefix = self.parent.path if self.parent_id else ""
        self.path = prefix + self.segment
        self.depth = self.path.count("/") - 1
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in OrganisationUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = self.path + child.path[len(old_path) :]
                child.depth = child.path.count("/") - 1
                OrganisationUnit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)

    def get_absolute_url(self) -> str:
        return reverse("organisations:unit-detail", args=[self.pk])

    def clean(self) -> None:
        if self.org_number:
            self.org_number = normalise_org_number(self.org_number)
        if self.parent_id:
            if self.parent.organisation_id != self.organisation_id:
                raise ValidationError({"parent": _("The parent unit must belong to the same organisation.")})
            if self.pk and self.parent.path.startswith(self.path):
                raise ValidationError({"parent": _("A unit cannot be placed under itself or one of its own units.")})

    @property
    def segment(self) -> str:
        return f"{self.pk:06d}/"

    def ancestors(self):
        ids = [int(part) for part in self.path.split("/") if part][:-1]
        return OrganisationUnit.objects.filter(pk__in=ids).order_by("depth")

    def subtree(self):
        """This unit and all units below it."""
        return OrganisationUnit.objects.filter(organisation_id=self.organisation_id, path__startswith=self.path)

    def is_within(self, other: "OrganisationUnit") -> bool:
        return self.path.startswith(other.path)


class ContentVersion(models.Model):
    """A counter per organisation, raised whenever anything its pages show may have changed.

    The cached page fragments (``organisations.content``) and the portal's cached public pages have it
    in their keys, so raising it retires every cached part of the organisation at once. Only ever
    changed with ``UPDATE … SET number = number + 1`` (never saved from a form), so a stale instance
    can never write an old number back.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="content_version")
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.number}"
