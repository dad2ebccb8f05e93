"""A ledger import and the aggregates it leaves behind (the raw lines are never stored)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit

from .factors import EmissionFactor
from .mapping import AccountMapping
from .own_factor import OwnFactor


class LedgerImport(models.Model):
    organisation_lookup = "organisation"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        REPLACED = "replaced", _("Replaced by a later import")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="ledger_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="consumption/", blank=True, editable=False)  # removed when processed
    file_hash = models.CharField(_("file checksum"), max_length=64, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    row_count = models.PositiveBigIntegerField(_("rows"), default=0)
    credit_count = models.PositiveBigIntegerField(_("credit notes"), default=0)
    amount_sek = models.DecimalField(_("amount (SEK)"), max_digits=18, decimal_places=2, default=0)
    period_start = models.DateField(_("first date"), null=True, blank=True)
    period_end = models.DateField(_("last date"), null=True, blank=True)
    error_count = models.PositiveBigIntegerField(_("errors"), default=0)
    errors = models.JSONField(default=list, editable=False)  # [[row, column, problem, value], …]
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")

    def __str__(self) -> str:
        return self.original_filename

    def get_absolute_url(self) -> str:
        return reverse("consumption:import", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)


class Method(models.TextChoices):
    SPEND = "spend", _("Spend-based")
    ACTIVITY = "activity", _("Activity-based")
    PRICE = "price", _("Activity-based, quantity from an average price")
    CARRIED_PRICE = "carried_price", _("Activity-based, quantity from another year's average price moved by the index")
    UNMAPPED = "unmapped", _("Not mapped")


# The totals below are derived rows, written in bulk only by ``importing._store`` in the transaction of
# their import and never edited; their foreign keys are not enforced by the database (``db_constraint=False``):
# checking them cost more than the whole DuckDB pass on PostgreSQL. Django's deletion rules (CASCADE,
# PROTECT, SET_NULL) still apply. See docs/decisions/0020-ledger-totals-without-database-constraints.md.


class LedgerAggregate(models.Model):
    """The lines of one import summed per year, unit, account, category and quantity unit."""

    organisation_lookup = "organisation"
    unit_lookup = "unit"

    ledger_import = models.ForeignKey(
        LedgerImport, verbose_name=_("import"), on_delete=models.CASCADE, related_name="aggregates", db_constraint=False
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the index on (organisation, year) serves it; one index less to fill on import
    )
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        OrganisationUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    account = models.CharField(_("account"), max_length=40)
    category = models.CharField(_("category"), max_length=40, blank=True)
    quantity_unit = models.CharField(_("quantity unit"), max_length=40, blank=True)
    row_count = models.PositiveBigIntegerField(_("rows"))
    amount_sek = models.DecimalField(_("amount (SEK)"), max_digits=18, decimal_places=2)
    quantity = models.FloatField(_("quantity"), default=0)
    mapping = models.ForeignKey(
        AccountMapping,
        verbose_name=_("mapping"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    factor = models.ForeignKey(
        EmissionFactor,
        verbose_name=_("factor"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    own_factor = models.ForeignKey(
        OwnFactor,
        verbose_name=_("own factor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The organisation's own factor used instead of the shipped factor."),
        db_constraint=False,
    )
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    usd_per_sek = models.FloatField(_("USD (price year) per SEK"), default=0)
    kg_co2e = models.FloatField(_("kg CO2e"), default=0)

    class Meta:
        ordering = ["year", "unit", "account"]
        indexes = [models.Index(fields=["organisation", "year"])]
        verbose_name = _("ledger total")
        verbose_name_plural = _("ledger totals")

    def __str__(self) -> str:
        return f"{self.year} {self.account}"

    @property
    def tonnes(self) -> float:
        return self.kg_co2e / 1000

    @property
    def kg_per_unit(self) -> float | None:
        """The factor's value used: the organisation's own factor, else the shipped one."""
        if self.own_factor_id:
            return self.own_factor.kg_co2e_per_unit
        return self.factor.kg_co2e_per_unit if self.factor_id else None

    @property
    def factor_source(self) -> str | None:
        """Where the value used comes from: the own factor's source, else the factor set."""
        if self.own_factor_id:
            return self.own_factor.citation
        return self.factor.factor_set.name if self.factor_id else None


class SupplierAggregate(models.Model):
    """The lines of one import summed per year, supplier and account (kg CO2e by the account's intensity)."""

    organisation_lookup = "organisation"

    ledger_import = models.ForeignKey(
        LedgerImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="supplier_aggregates",
        db_constraint=False,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the index on (organisation, year) serves it; one index less to fill on import
    )
    year = models.PositiveSmallIntegerField(_("year"))
    org_number = models.CharField(_("supplier organisation number"), max_length=20)
    name = models.CharField(_("supplier"), max_length=200)
    account = models.CharField(_("account"), max_length=40)
    row_count = models.PositiveBigIntegerField(_("rows"))
    amount_sek = models.DecimalField(_("amount (SEK)"), max_digits=18, decimal_places=2)
    kg_co2e = models.FloatField(_("kg CO2e"), default=0)

    class Meta:
        ordering = ["year", "org_number", "account"]
        indexes = [models.Index(fields=["organisation", "year"])]
        verbose_name = _("supplier total")
        verbose_name_plural = _("supplier totals")

    def __str__(self) -> str:
        return f"{self.year} {self.name}"
