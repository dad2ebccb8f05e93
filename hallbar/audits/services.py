"""Every write of audit programmes, audits, checklists and findings, with their rules.

Views, the API and the demo call these functions; the status of an audit changes only through
:func:`hallbar.audits.workflow.transition`. Callers check *who* may write (``request.scope``:
``CHANGE`` plans programmes and audits, ``WRITE_FINDINGS`` works the checklist and records findings);
these functions check *what* is written and write it all or nothing.

Rules:

1. A programme is approved by someone on a date: both are given, or neither.
2. An audit's units belong to its organisation; its clauses come from the management-system
   libraries (:data:`~hallbar.audits.models.audit.AUDITABLE_LIBRARIES`); its lead auditor and team
   are active members of the organisation (the lead auditor is not listed again in the team).
3. Nobody audits their own unit (:mod:`hallbar.audits.independence`): checked whenever the scope
   or the team is saved, and again when the audit starts.
4. The checklist has one question per clause in scope, written in the active language when the
   clause is added (:func:`default_question`); auditors edit it and add free questions. A clause
   whose question has been answered, or that findings refer to, cannot be taken out of the scope;
   nor can units that findings concern.
5. Findings are recorded while the audit is in progress. Their checklist question and clause are the
   audit's (the clause defaults to the question's), their unit lies within the scope.
6. A major or minor nonconformity finding raises a nonconformity (origin: audit; severity from the
   kind; responsible: the finding's unit) as soon as it is recorded. While a nonconformity raised from
   it exists, the finding stays a nonconformity (its severity follows the kind while the
   nonconformity is open) and cannot be deleted.
7. What may be changed in which status: :data:`hallbar.audits.workflow.EDITABLE`.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hallbar.accounts.models import Membership
from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.documents.queries import evidence_for
from hallbar.frameworks.models import FrameworkItem
from hallbar.nonconformities import services as nonconformity_services
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.queries import for_source
from hallbar.organisations.models import OrganisationUnit

from . import independence, queries, workflow
from .models import Audit, AuditProgramme, ChecklistItem, Finding, Status
from .models.audit import AUDITABLE_LIBRARIES

# Programmes ---------------------------------------------------------------------------------------------


def save_programme(programme: AuditProgramme) -> AuditProgramme:
    programme.full_clean()
    programme.save()
    return programme


# Audits -------------------------------------------------------------------------------------------------


def _names(objects) -> str:
    return "; ".join(str(obj) for obj in objects)


def _check_scope(audit: Audit, units: list, clauses: list, team: list) -> None:
    organisation_id = audit.programme.organisation_id
    errors: dict[str, list[str]] = {}
    foreign = [unit for unit in units if unit.organisation_id != organisation_id]
    if foreign:
        errors["units"] = [_("These units belong to another organisation: %(list)s.") % {"list": _names(foreign)}]
    allowed = set(queries.auditable_clauses().filter(pk__in=[c.pk for c in clauses]).values_list("pk", flat=True))
    current = set(audit.clauses.values_list("pk", flat=True)) if audit.pk else set()
    others = [clause for clause in clauses if clause.pk not in allowed | current]
    if others:
        errors["clauses"] = [
            _("Only clauses of ISO 14001, EMAS and SS 854000 can be audited, not: %(list)s.") % {"list": _names(others)}
        ]
    members = set(
        Membership.objects.filter(
            organisation_id=organisation_id, is_active=True, user__is_active=True, user__in=team
        ).values_list("user_id", flat=True)
    )
    outsiders = [person for person in team if person.pk not in members]
    if outsiders:
        errors["team"] = [
            _("The audit team must be members of the organisation, which these are not: %(list)s.")
            % {"list": _names(outsiders)}
        ]
    if errors:
        raise ValidationError(errors)


def _check_independence(audit: Audit, units: list, team: list) -> None:
    organisation_id = audit.programme.organisation_id
    errors: dict[str, list[str]] = {}
    for field, people in (("lead_auditor", [audit.lead_auditor]), ("team", team)):
        found = independence.conflicts(organisation_id, people, units)
        if found:
            errors[field] = [conflict.message for conflict in found]
    if errors:
        raise ValidationError(errors)


def _check_nothing_recorded_is_dropped(audit: Audit, units: list, clauses: list) -> None:
    """Rule 4: answered questions and findings keep their clause and unit in the scope."""
    if audit.pk is None:
        return
    errors: dict[str, list[str]] = {}
    kept = {clause.pk for clause in clauses}
    blocked = [
        item.clause
        for item in audit.checklist.filter(clause__isnull=False).select_related("clause")
        if item.clause_id not in kept and is_answered(item)
    ]
    blocked += [
        finding.clause
        for finding in audit.findings.exclude(clause__isnull=True).select_related("clause")
        if finding.clause_id not in kept
    ]
    if blocked:
        errors["clauses"] = [
            _(
                "These clauses cannot be taken out of the scope: their questions have been answered or "
                "findings refer to them: %(list)s."
            )
            % {"list": _names(dict.fromkeys(blocked))}
        ]
    if units:
        outside = [
            finding.unit
            for finding in audit.findings.exclude(unit__isnull=True).select_related("unit")
            if not any(finding.unit.is_within(unit) for unit in units)
        ]
        if outside:
            errors["units"] = [
                _("Findings concern units that would no longer be in the scope: %(list)s.")
                % {"list": _names(dict.fromkeys(unit.name for unit in outside))}
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_audit(
    audit: Audit,
    *,
    units: Iterable[OrganisationUnit] | None = None,
    clauses: Iterable[FrameworkItem] | None = None,
    team: Iterable | None = None,
) -> Audit:
    """Validate and save a new or changed audit and update its checklist; links given as ``None`` stay."""
    if audit.pk is not None:
        workflow.require_editable(Audit.objects.get(pk=audit.pk), "audit")
    audit.full_clean()
    existing = audit.pk is not None
    units = list(units) if units is not None else (list(audit.units.all()) if existing else [])
    clauses = list(clauses) if clauses is not None else (list(audit.clauses.all()) if existing else [])
    team = list(team) if team is not None else (list(audit.team.all()) if existing else [])
    team = [person for person in dict.fromkeys(team) if person.pk != audit.lead_auditor_id]
    _check_scope(audit, units, clauses, team)
    _check_independence(audit, units, team)
    _check_nothing_recorded_is_dropped(audit, units, clauses)
    audit.save()
    audit.units.set(units)
    audit.clauses.set(clauses)
    audit.team.set(team)
    _sync_checklist(audit, clauses, whole_organisation=not units)
    return audit


def create_audit(
    *,
    programme: AuditProgramme,
    title: str,
    planned_start,
    units: Iterable[OrganisationUnit] = (),
    clauses: Iterable[FrameworkItem] = (),
    team: Iterable = (),
    **fields,
) -> Audit:
    """Plan an audit in ``programme``. ``fields``: ``objectives``, ``lead_auditor``, ``planned_end``, ``conclusions``.

    Raises ValidationError naming the field when something does not fit (e.g. an auditor's own unit).
    """
    audit = Audit(programme=programme, title=title, planned_start=planned_start, **fields)
    return save_audit(audit, units=units, clauses=clauses, team=team)


def deletion_refusal(obj) -> str | None:
    """Why an audit, a checklist question or a finding may not be deleted now (beyond what depends on it)."""
    if isinstance(obj, Audit):
        if obj.status != Status.PLANNED:
            return _("Only a planned audit can be deleted; this one is “%(status)s”.") % {
                "status": obj.get_status_display()
            }
        return None
    if isinstance(obj, ChecklistItem):
        if not obj.is_free:
            return _("A question generated for a clause goes away when the clause is taken out of the audit's scope.")
        return _first_message(lambda: workflow.require_editable(obj.audit, "checklist"))
    if isinstance(obj, Finding):
        refusal = _first_message(lambda: workflow.require_editable(obj.audit, "findings"))
        if refusal:
            return refusal
        raised = list(for_source(obj))
        if raised:
            return _("The finding cannot be deleted: nonconformity %(list)s was raised from it.") % {
                "list": _names(nc.reference for nc in raised)
            }
        if Action.objects.for_reason(obj).exists():
            return _("The finding cannot be deleted: actions have been planned because of it.")
        if evidence_for(obj).exists():
            return _("The finding cannot be deleted: evidence files are attached to it. Remove them first.")
    return None


def _first_message(check) -> str | None:
    try:
        check()
    except ValidationError as error:
        return error.messages[0]
    return None


def delete(obj) -> None:
    """Delete an audit, a free checklist question or a finding; raises DeletionRefused saying why not."""
    refusal = deletion_refusal(obj)
    if refusal:
        raise DeletionRefused(refusal, [])
    guarded_delete(obj)


# Checklist ------------------------------------------------------------------------------------------------


def default_question(clause: FrameworkItem, *, whole_organisation: bool = False) -> str:
    """The checklist question for a clause, in the active language, from the clause's name and summary."""
    if whole_organisation:
        question = _("How does the organisation ensure that the requirements of %(clause)s are met?")
    else:
        question = _("How does the unit ensure that the requirements of %(clause)s are met?")
    question %= {"clause": clause}
    if clause.description:
        question += " " + _("In short: %(description)s") % {"description": clause.description}
    return question


def is_answered(item: ChecklistItem) -> bool:
    return bool(item.answer.strip()) or item.conclusion != ChecklistItem.Conclusion.NOT_CHECKED


def _library_rank(clause: FrameworkItem) -> tuple:
    urn = clause.library.urn
    rank = AUDITABLE_LIBRARIES.index(urn) if urn in AUDITABLE_LIBRARIES else len(AUDITABLE_LIBRARIES)
    return (rank, clause.library_id, clause.order)


def _sync_checklist(audit: Audit, clauses: list[FrameworkItem], *, whole_organisation: bool) -> None:
    """One question per clause (new ones generated, those of removed clauses deleted), clause
    questions first in library and clause order, then the free questions in the order they were added."""
    items = list(audit.checklist.all())
    kept = {clause.pk for clause in clauses}
    for item in items:
        if item.clause_id is not None and item.clause_id not in kept:
            item.delete()
    present = {item.clause_id for item in items}
    new = [
        ChecklistItem(
            audit=audit, clause=clause, question=default_question(clause, whole_organisation=whole_organisation)
        )
        for clause in clauses
        if clause.pk not in present
    ]
    for item in new:
        item.save()
    _renumber(audit)


def _renumber(audit: Audit) -> None:
    items = list(audit.checklist.select_related("clause__library"))
    clause_items = sorted((item for item in items if item.clause_id), key=lambda item: _library_rank(item.clause))
    free_items = sorted((item for item in items if not item.clause_id), key=lambda item: (item.order, item.pk))
    changed = []
    for position, item in enumerate(clause_items + free_items, start=1):
        if item.order != position:
            item.order = position
            changed.append(item)
    ChecklistItem.objects.bulk_update(changed, ["order"])


def save_checklist_item(item: ChecklistItem) -> ChecklistItem:
    """Save an edited question, answer or conclusion."""
    workflow.require_editable(item.audit, "checklist")
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def save_checklist(audit: Audit, items: Iterable[ChecklistItem], *, conclusions: str | None = None) -> None:
    """Save edited questions of one audit at once, and the audit's conclusions when given (the checklist page)."""
    workflow.require_editable(audit, "checklist")
    for item in items:
        if item.audit_id != audit.pk:
            raise ValidationError(_("The question belongs to another audit."))
        item.full_clean()
        item.save()
    if conclusions is not None:
        audit.conclusions = conclusions
        audit.save(update_fields=["conclusions"])


def add_question(audit: Audit, question: str) -> ChecklistItem:
    """Add a free question (without a clause) at the end of the checklist."""
    workflow.require_editable(audit, "checklist")
    last = audit.checklist.order_by("-order").values_list("order", flat=True).first() or 0
    item = ChecklistItem(audit=audit, question=question, order=last + 1)
    item.full_clean()
    item.save()
    return item


# Findings -------------------------------------------------------------------------------------------------


def _check_finding(finding: Finding) -> None:
    audit = finding.audit
    errors = {}
    item = finding.checklist_item
    if item is not None:
        if item.audit_id != audit.pk:
            errors["checklist_item"] = _("The question must be one of this audit's checklist.")
        elif item.clause_id and finding.clause_id is None:
            finding.clause = item.clause
        elif item.clause_id and finding.clause_id != item.clause_id:
            errors["clause"] = _("The clause must be the clause of the chosen checklist question (%(clause)s).") % {
                "clause": item.clause
            }
    if finding.clause_id and "clause" not in errors and not audit.clauses.filter(pk=finding.clause_id).exists():
        errors["clause"] = _("The clause must be one of the clauses the audit covers.")
    if finding.unit_id:
        if finding.unit.organisation_id != audit.programme.organisation_id:
            errors["unit"] = _("The unit must belong to the same organisation.")
        else:
            scope = list(audit.units.all())
            if scope and not any(finding.unit.is_within(unit) for unit in scope):
                errors["unit"] = _("The unit must be within the audit's scope: %(list)s.") % {
                    "list": _names(unit.name for unit in scope)
                }
    if errors:
        raise ValidationError(errors)


def _raised_from(finding: Finding) -> list[Nonconformity]:
    return list(for_source(finding)) if finding.pk else []


def _check_kind_change(finding: Finding, raised: list[Nonconformity]) -> None:
    if raised and not finding.is_nonconformity:
        raise ValidationError(
            {
                "kind": _(
                    "The finding cannot become “%(kind)s”: nonconformity %(list)s has been raised from it. "
                    "Close the nonconformity instead if it turned out not to be one."
                )
                % {"kind": finding.get_kind_display(), "list": _names(nc.reference for nc in raised)}
            }
        )


def _nonconformity_description(finding: Finding) -> str:
    if finding.clause_id:
        origin = _("Found in the internal audit “%(audit)s”, clause %(clause)s.")
    else:
        origin = _("Found in the internal audit “%(audit)s”.")
    return f"{origin % {'audit': finding.audit, 'clause': finding.clause}}\n\n{finding.description}"


def _raise_nonconformity(finding: Finding, raised: list[Nonconformity], user) -> None:
    if not finding.is_nonconformity:
        return
    for nonconformity in raised:
        if not nonconformity.is_closed and nonconformity.severity != finding.kind:
            nonconformity_services.update_nonconformity(nonconformity, severity=finding.kind)
    if raised:
        return
    nonconformity_services.raise_nonconformity(
        organisation=finding.audit.programme.organisation,
        origin=Nonconformity.Origin.AUDIT,
        title=finding.title,
        description=_nonconformity_description(finding),
        source=finding,
        responsible_unit=finding.unit,
        severity=Nonconformity.Severity(finding.kind),
        reported_by=user,
    )


@transaction.atomic
def save_finding(finding: Finding, *, user) -> Finding:
    """Validate and save a new or changed finding; a major or minor nonconformity raises a nonconformity."""
    workflow.require_editable(finding.audit, "findings")
    if finding.pk is None:
        finding.recorded_by = user
    finding.full_clean()
    _check_finding(finding)
    raised = _raised_from(finding)
    _check_kind_change(finding, raised)
    finding.save()
    _raise_nonconformity(finding, raised, user)
    return finding


def record_finding(audit: Audit, *, user, kind: str, title: str, description: str, **fields) -> Finding:
    """Record a finding. ``fields``: ``checklist_item``, ``clause``, ``unit``, ``evidence_notes``."""
    finding = Finding(audit=audit, kind=kind, title=title, description=description, **fields)
    return save_finding(finding, user=user)


def update_finding(finding: Finding, *, user, **fields) -> Finding:
    for name, value in fields.items():
        setattr(finding, name, value)
    return save_finding(finding, user=user)


def raise_missing_nonconformities(audit: Audit, *, user) -> int:
    """Raise a nonconformity for each major or minor finding that has none (e.g. recorded through an
    older version or before its nonconformity was deleted); returns how many were raised."""
    missing = queries.findings_without_nonconformity(audit)
    for finding in missing:
        _raise_nonconformity(finding, [], user)
    return len(missing)
