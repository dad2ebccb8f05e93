"""Every write of interested parties, scan items and scope statements, with their rules.

Views and the API call these functions; none of them saves a context object itself. Callers check
*who* may write (``request.scope``); these functions check *what* is written, all or nothing.

Links: everything an interested party or a scan item links to (the responsible unit, a scan item's
local goals, a scope's units) must belong to its organisation.

Deleting: refused, with what depends on it named, while actions name the object as their reason or
other records link to it (a risk raised by a scan item, …): archive a scan item instead.

Scope statement versions — the state machine, only here. A version is a *draft* until who approved
it and when are filled in; then it is *approved*. Allowed transitions:

========================  ==================================================================
new → draft               write a new version (refused while another draft exists)
new → approved            write a new version that is already approved (same refusal)
draft → draft             change the draft in place (it is not yet a record)
draft → approved          approve it: fill in who approved it and when
draft → deleted           discard the draft
========================  ==================================================================

Everything else is refused with the reason: an approved version is a record and never changes or
goes away; changing the scope means writing a new version (pre-filled from the current one, see
:func:`hallbar.context.queries.new_version_initial`). Approval needs both who and when, a date not in
the future and not before the current version's approval, so that the current scope — the approved
version with the highest number — is also the one approved last.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused, describe_dependents, guarded_delete
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal

from .models import InterestedParty, ScanItem, ScopeStatement

DRAFT, APPROVED = "draft", "approved"
NEW = None
SCOPE_TRANSITIONS = {(NEW, DRAFT), (NEW, APPROVED), (DRAFT, DRAFT), (DRAFT, APPROVED)}


def check_same_organisation(organisation_id: int, field: str, objects: Iterable, path: str) -> None:
    """Raise a ValidationError on ``field`` naming those of ``objects`` whose ``path`` is another organisation."""
    objects = list(objects)
    foreign = [obj for obj in objects if _organisation_of(obj, path) != organisation_id]
    if foreign:
        names = ", ".join(f"“{obj}”" for obj in foreign[:5])
        raise ValidationError({field: _("These belong to another organisation: %(names)s.") % {"names": names}})


def _organisation_of(obj, path: str) -> int:
    for part in path.split("__")[:-1]:
        obj = getattr(obj, part)
    return getattr(obj, path.split("__")[-1])


# Interested parties -----------------------------------------------------------------------------------


def save_party(party: InterestedParty) -> InterestedParty:
    """Validate and save a new or changed interested party."""
    party.obligation_note = party.obligation_note.strip()
    party.full_clean()
    party.save()
    return party


# Scan items -------------------------------------------------------------------------------------------


@transaction.atomic
def save_scan_item(item: ScanItem, *, goals: Iterable[Goal] | None = None) -> ScanItem:
    """Validate and save a new or changed scan item; ``goals`` given as ``None`` stay as they are."""
    item.full_clean()
    if goals is not None:
        goals = list(Goal.objects.filter(pk__in=[goal.pk for goal in goals]).select_related("plan"))
        check_same_organisation(item.organisation_id, "goals", goals, "plan__organisation_id")
    item.save()
    if goals is not None:
        item.goals.set(goals)
    return item


def archive_scan_item(item: ScanItem) -> ScanItem:
    """Keep a scan item that no longer applies, out of the active lists and the PESTLE overview."""
    item.status = ScanItem.Status.ARCHIVED
    item.save(update_fields=["status"])
    return item


# Scope statements -------------------------------------------------------------------------------------


def scope_state(statement: ScopeStatement) -> str:
    return APPROVED if statement.is_approved else DRAFT


def _stored_state(statement: ScopeStatement) -> str | None:
    if statement.pk is None:
        return NEW
    stored = ScopeStatement.objects.filter(pk=statement.pk).values_list("approved_on", flat=True).first()
    return APPROVED if stored is not None else DRAFT


def check_new_version_allowed(organisation) -> None:
    """Refuse a new version while a draft is being prepared (it must be changed or approved first)."""
    draft = ScopeStatement.objects.filter(organisation=organisation, approved_on__isnull=True).first()
    if draft is not None:
        raise ValidationError(
            _("Version %(version)s is a draft: change or approve it before writing another version.")
            % {"version": draft.version}
        )


def _check_approval(statement: ScopeStatement) -> None:
    current = (
        ScopeStatement.objects.filter(organisation_id=statement.organisation_id, approved_on__isnull=False)
        .exclude(pk=statement.pk)
        .order_by("-version")
        .first()
    )
    if current is not None and statement.approved_on < current.approved_on:
        raise ValidationError(
            {
                "approved_on": _(
                    "The current scope, version %(version)s, was approved on %(date)s: a new version cannot "
                    "be approved before that."
                )
                % {"version": current.version, "date": current.approved_on.isoformat()}
            }
        )


@transaction.atomic
def save_scope_statement(
    statement: ScopeStatement, *, units: Iterable[OrganisationUnit] | None = None
) -> ScopeStatement:
    """Write a new version (``statement`` unsaved) or change a draft, approving it when who and when are
    given; ``units`` given as ``None`` stay as they are. See the transitions in the module docstring."""
    Organisation.objects.select_for_update().filter(pk=statement.organisation_id).first()  # one writer at a time
    statement.approved_by = statement.approved_by.strip()
    old, new = _stored_state(statement), scope_state(statement)
    if (old, new) not in SCOPE_TRANSITIONS:  # only an approved version comes here
        raise ValidationError(
            _("Version %(version)s is approved and is not changed: write a new version of the scope instead.")
            % {"version": statement.version}
        )
    if old is NEW:
        check_new_version_allowed(statement.organisation_id)
        latest = ScopeStatement.objects.filter(organisation_id=statement.organisation_id).aggregate(Max("version"))
        statement.version = (latest["version__max"] or 0) + 1
    statement.full_clean()
    if new == APPROVED:
        _check_approval(statement)
    if units is not None:
        units = list(units)
        check_same_organisation(statement.organisation_id, "units", units, "organisation_id")
    statement.save()
    if units is not None:
        statement.units.set(units)
    return statement


# Deleting ---------------------------------------------------------------------------------------------


def check_deletable(obj: models.Model) -> None:
    """Raise :class:`DeletionRefused` when ``obj`` must stay: an approved scope version, or something
    actions or other records (through links the database does not protect) refer to."""
    if isinstance(obj, ScopeStatement) and obj.is_approved:
        message = _("Version %(version)s of the scope is approved: it is a record and is not deleted.") % {
            "version": obj.version
        }
        raise DeletionRefused(message, [])
    referring = list(Action.objects.for_reason(obj))
    for relation in type(obj)._meta.related_objects:
        if relation.many_to_many:
            referring += list(getattr(obj, relation.get_accessor_name()).all())
    if referring:
        dependents = describe_dependents(referring)
        message = _("%(object)s cannot be deleted because other records refer to it: %(list)s.") % {
            "object": capfirst(str(obj)),
            "list": "; ".join(dependents),
        }
        if isinstance(obj, ScanItem):
            hint = _("Archive it instead.")
            message = f"{message} {hint}"
        raise DeletionRefused(message, dependents)


@transaction.atomic
def delete(obj: InterestedParty | ScanItem | ScopeStatement) -> None:
    """Delete an interested party, a scan item or a draft scope version, unless something refers to it."""
    check_deletable(obj)
    guarded_delete(obj)
