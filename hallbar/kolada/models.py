"""Kolada reference data (KPI catalogue, municipality groups, fetched KPI values) and each
organisation's Kolada settings (which municipalities it compares itself with, fetch status).

The catalogue, groups and values are public data shared by every organisation: no organisation
scoping. ``PeerGroup`` and ``FetchStatus`` belong to one organisation each.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hallbar.organisations.models import Municipality, Organisation


class Kpi(models.Model):
    """A Kolada key figure (nyckeltal), e.g. N00401 greenhouse gas emissions per resident."""

    class MunicipalityType(models.TextChoices):
        MUNICIPALITY = "K", _("Municipalities")
        REGION = "L", _("Regions")
        BOTH = "A", _("Municipalities and regions")

    id = models.CharField(_("Kolada id"), max_length=8, primary_key=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_divided_by_gender = models.BooleanField(_("divided by gender"), default=False)
    municipality_type = models.CharField(_("reported for"), max_length=1, choices=MunicipalityType.choices, blank=True)
    auspice = models.CharField(_("auspice"), max_length=8, blank=True)
    operating_area = models.CharField(_("operating area"), max_length=200, blank=True, db_index=True)
    perspective = models.CharField(_("perspective"), max_length=100, blank=True)
    prel_publication_date = models.DateField(_("preliminary publication date"), null=True, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    publ_period = models.CharField(_("latest published year"), max_length=8, blank=True)
    has_ou_data = models.BooleanField(_("has data for organisational units"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Kolada key figure")
        verbose_name_plural = _("Kolada key figures")

    def __str__(self) -> str:
        return f"{self.id} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("kolada:kpi-detail", args=[self.id])


class MunicipalityGroup(models.Model):
    """A Kolada municipality group, e.g. G92787 "Storstäder" or a "Liknande kommuner" group."""

    id = models.CharField(_("Kolada id"), max_length=16, primary_key=True)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("Kolada municipality group")
        verbose_name_plural = _("Kolada municipality groups")

    def __str__(self) -> str:
        return self.title


class GroupMember(models.Model):
    """A member of a group by its Kolada code; linked to the municipality where there is one
    (regions 00xx and Riket 0000 have none, and keep only the code)."""

    group = models.ForeignKey(
        MunicipalityGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="members"
    )
    code = models.CharField(_("Kolada code"), max_length=4)
    title = models.CharField(_("name"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kolada_groups",
    )

    class Meta:
        ordering = ["group", "title", "code"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="kolada_member_once_per_group")]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class KpiValue(models.Model):
    """One fetched value: a KPI for one municipality (region, Riket), year and gender.

    The unique index starts with (kpi, gender, municipality_code), so "these municipalities for
    one KPI over all years" is one index range scan even at millions of rows.
    """

    class Gender(models.TextChoices):
        TOTAL = "T", pgettext_lazy("gender", "Total")
        WOMEN = "K", _("Women")
        MEN = "M", _("Men")

    kpi = models.CharField(_("Kolada id"), max_length=8)
    municipality_code = models.CharField(_("Kolada code"), max_length=4)
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("value"), null=True, blank=True)
    count = models.IntegerField(_("count"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, blank=True)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("Kolada value")
        verbose_name_plural = _("Kolada values")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "gender", "municipality_code", "year"], name="kolada_value_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.municipality_code} {self.year} {self.gender}"


class KoladaState(models.Model):
    """Installation-wide bookkeeping (one row): which catalogue snapshot is loaded. Not organisation data."""

    snapshot_hash = models.CharField(max_length=64, blank=True)
    catalogue_refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Kolada state")
        verbose_name_plural = _("Kolada state")

    def __str__(self) -> str:
        return "Kolada"

    @classmethod
    def get(cls, using: str = "default") -> "KoladaState":
        state, _created = cls.objects.using(using).get_or_create(pk=1)
        return state


class PeerGroup(models.Model):
    """Whom an organisation compares itself with: a Kolada group or a list of municipalities."""

    organisation_lookup = "organisation"

    class Basis(models.TextChoices):
        GROUP = "group", _("A Kolada municipality group")
        MUNICIPALITIES = "municipalities", _("Municipalities chosen by us")

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="kolada_peer_group"
    )
    basis = models.CharField(_("compare with"), max_length=16, choices=Basis.choices, default=Basis.GROUP)
    kolada_group = models.ForeignKey(
        MunicipalityGroup,
        verbose_name=_("Kolada municipality group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("comparison group")
        verbose_name_plural = _("comparison groups")

    def __str__(self) -> str:
        return str(_("Comparison group of %(organisation)s") % {"organisation": self.organisation})

    def get_absolute_url(self) -> str:
        return reverse("kolada:peers")

    def clean(self) -> None:
        if self.basis == self.Basis.GROUP and not self.kolada_group_id:
            raise ValidationError({"kolada_group": _("Choose a Kolada municipality group.")})


class FetchStatus(models.Model):
    """When an organisation's Kolada values were last fetched, and what went wrong last time."""

    organisation_lookup = "organisation"

    class Error(models.TextChoices):
        UNAVAILABLE = "unavailable", _("Kolada could not be reached. Nothing was changed. Please try again later.")
        HTTP = "http", _("Kolada refused the request. Nothing was changed. Check the KPI ids of your indicators.")
        INVALID = "invalid", _("Kolada sent an answer Hållbar could not read. Nothing was changed.")
        NO_MUNICIPALITY = (
            "no_municipality",
            _("The organisation is not linked to a municipality or region, so there is nothing to fetch."),
        )

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="kolada_fetch_status"
    )
    requested_at = models.DateTimeField(_("fetch requested"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("values last fetched"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=16, choices=Error.choices, blank=True)
    error_detail = models.TextField(_("technical detail"), blank=True)
    indicator_values_written = models.PositiveIntegerField(_("indicator values written"), default=0)
    own_values_kept = models.PositiveIntegerField(_("own values kept"), default=0)

    class Meta:
        verbose_name = _("Kolada fetch status")
        verbose_name_plural = _("Kolada fetch statuses")

    def __str__(self) -> str:
        return str(_("Kolada fetch status of %(organisation)s") % {"organisation": self.organisation})

    def get_absolute_url(self) -> str:
        return reverse("kolada:index")
