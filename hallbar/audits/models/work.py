"""What the auditors produce: the checklist of an audit and its findings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from hallbar.accounts.roles import Permission
from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import OrganisationUnit

from .audit import Audit


class ChecklistItem(models.Model):
    """One question of an audit's checklist: generated for a clause in scope, or added by an auditor
    (a free question, without a clause)."""

    organisation_lookup = "audit__programme__organisation"

    class Conclusion(models.TextChoices):
        CONFORMS = "conforms", _("Conforms")
        FINDING = "finding", _("Finding")
        NOT_CHECKED = "not_checked", _("Not checked")

    audit = models.ForeignKey(Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="checklist")
    clause = models.ForeignKey(
        FrameworkItem, verbose_name=_("clause"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    question = models.TextField(_("question"))
    answer = models.TextField(
        _("answer and notes"), blank=True, help_text=_("What was found: who was interviewed, what was seen.")
    )
    conclusion = models.CharField(
        _("conclusion"), max_length=16, choices=Conclusion.choices, default=Conclusion.NOT_CHECKED
    )
    order = models.PositiveIntegerField(_("order"), default=0, editable=False)

    class Meta:
        ordering = ["audit", "order", "pk"]
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "clause"], condition=Q(clause__isnull=False), name="one_checklist_item_per_clause"
            )
        ]

    def __str__(self) -> str:
        if self.clause_id:
            return str(self.clause)
        return Truncator(self.question).chars(80)

    def get_absolute_url(self) -> str:
        return f"{reverse('audits:checklist', args=[self.audit_id])}#item-{self.pk}"

    @property
    def is_free(self) -> bool:
        return self.clause_id is None


class Finding(models.Model):
    """What an audit found: a major or minor nonconformity, an observation or an opportunity for improvement.

    Major and minor nonconformities raise a nonconformity (in ``hallbar.nonconformities``) when they
    are recorded; see :func:`hallbar.audits.services.save_finding`.
    """

    organisation_lookup = "audit__programme__organisation"
    evidence_permission = Permission.WRITE_FINDINGS  # who may attach evidence files (hallbar.documents)

    class Kind(models.TextChoices):
        MAJOR = "major", _("Major nonconformity")
        MINOR = "minor", _("Minor nonconformity")
        OBSERVATION = "observation", _("Observation")
        IMPROVEMENT = "improvement", _("Opportunity for improvement")

    NONCONFORMING = (Kind.MAJOR, Kind.MINOR)

    audit = models.ForeignKey(Audit, verbose_name=_("audit"), on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, help_text=_("The finding in a few words."))
    description = models.TextField(_("description"))
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        help_text=_("The question that led to the finding, if any."),
    )
    clause = models.ForeignKey(
        FrameworkItem,
        verbose_name=_("clause"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The requirement the finding concerns: one of the audit's clauses."),
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_findings",
        help_text=_("The unit the finding concerns; empty for the whole audit scope."),
    )
    evidence_notes = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What the finding is based on: documents seen, interviews, observations."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["audit", "pk"]
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:finding-detail", args=[self.pk])

    @property
    def is_nonconformity(self) -> bool:
        return self.kind in self.NONCONFORMING
