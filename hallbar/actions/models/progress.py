"""Progress updates on actions, and each organisation's follow-up settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .. import rules
from ..rules import Status
from .action import Action


class ProgressUpdate(models.Model):
    """What has happened with an action, by whom and when, with the action's status after it.

    Written through :func:`hallbar.actions.services.post_progress`, which also moves the action's
    status and ``last_progress_at``. Updates are a record: they are not edited or deleted.
    """

    organisation_lookup = "action__organisation"
    unit_lookup = "action__responsible_unit"

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.PROTECT, related_name="progress_updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what has happened"))
    status = models.CharField(_("status after the update"), max_length=16, choices=Status.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("An estimate from 0 to 100, if it helps."),
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.action} – {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return f"{self.action.get_absolute_url()}#update-{self.pk}"


class FollowUpSettings(models.Model):
    """How an organisation follows up its actions. Organisations without a saved row use the defaults."""

    organisation_lookup = "organisation"

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="follow_up_settings"
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("days without an update before an action is stale"),
        default=rules.DEFAULT_STALE_AFTER_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("Open actions with no progress update for this many days are flagged. Between 7 and 730."),
    )
    stale_reminder_interval_days = models.PositiveSmallIntegerField(
        _("days between reminders about a stale action"),
        default=rules.DEFAULT_STALE_REMINDER_INTERVAL_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Contact persons get an e-mail listing their stale actions at most this often. Between 1 and 365."),
    )
    remind_days_before_deadline = models.PositiveSmallIntegerField(
        _("days before a reporting deadline to remind"),
        default=rules.DEFAULT_REMIND_DAYS_BEFORE_DEADLINE,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Units that have not reported are reminded this many days before the deadline. Between 1 and 90."),
    )

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")

    def __str__(self) -> str:
        return str(_("Follow-up settings"))

    def get_absolute_url(self) -> str:
        return reverse("actions:settings")
