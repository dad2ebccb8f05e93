"""Good examples: an organisation shares one of its actions so that every other organisation can find,
save and copy it. Examples are organisation-owned (only the sharing organisation changes or withdraws
them) but read by the signed-in users of all organisations on purpose; never shown publicly."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hallbar.actions.models import Action
from hallbar.documents.models.files import StoredFile
from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal


class Theme(models.Model):
    """Shared reference data from ``data/themes.yaml`` (loaded after every migrate)."""

    key = models.SlugField(max_length=40, unique=True)
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text=_("False when the key left the themes file."))

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class ExampleQuerySet(models.QuerySet):
    def visible(self):
        """What the library shows: not withdrawn, of an active organisation."""
        return self.filter(withdrawn_at__isnull=True, organisation__is_active=True)


class Example(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "unit"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="examples"
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="examples",
    )
    source_action = models.ForeignKey(
        Action,
        verbose_name=_("shared action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="examples",
    )
    title = models.CharField(_("title"), max_length=300)
    what_was_done = models.TextField(_("what was done"))
    cost_sek = models.DecimalField(
        _("cost (SEK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Whole kronor."),
    )
    result_value = models.DecimalField(_("result (number)"), max_digits=16, decimal_places=3, null=True, blank=True)
    result_unit = models.CharField(
        _("unit of the result"), max_length=60, blank=True, help_text=_("For example tonnes CO2e or kWh.")
    )
    result_text = models.TextField(_("result"), help_text=_("What the number means and what else came of it."))
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="examples")
    framework_items = models.ManyToManyField(
        FrameworkItem, verbose_name=_("SDG targets and framework items"), blank=True, related_name="examples"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="examples")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn from the library"), null=True, blank=True, editable=False)

    objects = ExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at", "pk"]
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("examples:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.result_value is not None and not self.result_unit:
            errors["result_unit"] = _("Give the unit of the result's number.")
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            errors["unit"] = _("The unit must belong to the same organisation.")
        if self.source_action_id and self.source_action.organisation_id != self.organisation_id:
            errors["source_action"] = _("Only an action of your own organisation can be shared.")
        if errors:
            raise ValidationError(errors)


class ExampleAttachment(StoredFile):
    """A file shared with an example (report, photo, procurement document …), checked before storing."""

    organisation_lookup = "example__organisation"
    unit_lookup = "example__unit"
    file_folder = "examples"

    example = models.ForeignKey(
        Example, verbose_name=_("example"), on_delete=models.CASCADE, related_name="attachments"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("examples:attachment", args=[self.pk])


class SavedExample(models.Model):
    """A person's bookmark: their own, whatever organisation is active."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_examples")
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="saved_by")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "example"], name="examples_saved_once")]

    def __str__(self) -> str:
        return str(self.example)


class ExampleOrigin(models.Model):
    """The link back from an action copied into an organisation's plan to the example it came from.

    Not the action's *reason*: a reason must belong to the action's own organisation."""

    organisation_lookup = "action__organisation"
    unit_lookup = "action__responsible_unit"

    action = models.OneToOneField(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="example_origin"
    )
    example = models.ForeignKey(
        Example, verbose_name=_("good example"), on_delete=models.SET_NULL, null=True, related_name="copies"
    )
    example_title = models.CharField(_("example"), max_length=300, help_text=_("Kept when the example is withdrawn."))
    example_organisation = models.CharField(_("shared by"), max_length=200)
    copied_at = models.DateTimeField(_("copied"), auto_now_add=True)

    class Meta:
        verbose_name = _("origin of a copied action")
        verbose_name_plural = _("origins of copied actions")

    def __str__(self) -> str:
        return self.example_title
