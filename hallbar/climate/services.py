"""Writes of the carbon-budget presets and of the organisation's choice of preset.

Callers check *who* may write (``MANAGE_FOLLOW_UP`` on the organisation, as for other settings);
these functions check *what* is written:

1. Shipped presets (no organisation) are read-only: they change only with ``data/methods.yaml``.
2. A preset's parameters must make sense (``models.methods.parameter_errors`` through ``clean()``):
   a refusal names the field and the reason, and nothing is written.
3. Every saved change of an organisation's preset raises its ``version`` by one and records who made
   it (``changed_by``); saving without a change keeps the version. The change history keeps the rest.
4. A new preset gets a key from its name, unique within the organisation (the command and API use it).
5. A preset can be deleted only while nothing uses it (the organisation's choice, a climate budget):
   the refusal names what depends on it.
6. An organisation may choose a shipped preset or one of its own, never another organisation's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hallbar.core.deletion import guarded_delete

from .models import BudgetMethod, ClimateSettings

COPIED_FIELDS = (
    "description",
    "kind",
    "release",
    "budget_t",
    "start_year",
    "overhead_t",
    "overhead_reference_t",
    "reference_first_year",
    "annual_reduction",
    "county",
    "horizon_year",
)
COMPARED_FIELDS = ("name", *COPIED_FIELDS)


def _refuse_shipped(method: BudgetMethod) -> None:
    if method.is_shipped:
        raise PermissionDenied(_("The presets shipped with Hållbar cannot be changed. Copy one to adapt it."))


def _value(method: BudgetMethod, field: str):
    return getattr(method, f"{field}_id") if field in ("release", "county") else getattr(method, field)


def _unique_key(method: BudgetMethod) -> str:
    base = slugify(method.name)[:56] or "preset"
    taken = set(
        BudgetMethod.objects.filter(organisation_id=method.organisation_id, key__startswith=base).values_list(
            "key", flat=True
        )
    )
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


@transaction.atomic
def save_method(method: BudgetMethod, user) -> BudgetMethod:
    """Create or change an organisation's preset (rules 1–4)."""
    _refuse_shipped(method)
    if method.organisation_id is None:
        raise ValidationError(_("A preset belongs to an organisation."))
    method.full_clean(exclude=["key", "version", "changed_by"])
    if method.pk is None:
        method.key = _unique_key(method)
        method.version = 1
    else:
        stored = BudgetMethod.objects.select_for_update().get(pk=method.pk)
        _refuse_shipped(stored)
        if all(_value(stored, field) == _value(method, field) for field in COMPARED_FIELDS):
            return stored
        method.key = stored.key
        method.version = stored.version + 1
    method.changed_by = user
    method.save()
    return method


def copy_of(source: BudgetMethod, organisation) -> BudgetMethod:
    """An unsaved preset of ``organisation`` with every parameter of ``source`` (shipped or own)."""
    copy = BudgetMethod(organisation=organisation, name=_("Copy of %(name)s") % {"name": source.name})
    for field in COPIED_FIELDS:
        setattr(copy, field, getattr(source, field))
    copy.description = _("Copied from %(name)s, version %(version)s.") % {
        "name": source.name,
        "version": source.version,
    } + ("\n\n" + source.description if source.description else "")
    return copy


@transaction.atomic
def delete_method(method: BudgetMethod) -> None:
    """Delete an organisation's preset (rule 5); raises DeletionRefused naming its dependents."""
    _refuse_shipped(method)
    guarded_delete(method)


@transaction.atomic
def choose_method(organisation, method: BudgetMethod) -> ClimateSettings:
    """Make ``method`` the preset of the organisation's climate pages and budget (rule 6)."""
    if method.organisation_id not in (None, organisation.pk):
        raise ValidationError({"method": _("Choose a shipped preset or one of your organisation's own.")})
    settings, created = ClimateSettings.objects.get_or_create(organisation=organisation, defaults={"method": method})
    if not created and settings.method_id != method.pk:
        settings.method = method
        settings.save()
    return settings
