"""Every write of compliance obligations and their evaluations, with the evaluation rules.

Views, the API and the daily job call these functions; none of them saves an obligation or an
evaluation itself. Callers check *who* may write (``request.scope``: change on the obligation's
responsible unit); these functions check *what* is written and write it all or nothing.

Evaluation rules (overdue is derived, see :mod:`hallbar.obligations.rules`):

1. Every active obligation has a next evaluation date. A new one without a date is due one
   evaluation interval from the day it is registered.
2. Recording an evaluation sets the obligation's next evaluation date to the evaluation's, which
   defaults to the evaluation date plus the obligation's interval in months (the 31st falls on the
   last day of a shorter month: :func:`add_months`). The obligation shows the result and date of its
   latest evaluation. An evaluation dated before the latest one is history only: it changes neither.
3. What a result leads to: *met*, nothing more; *partly met*, a nonconformity is offered
   (:func:`raise_nonconformity_for`, minor); *not met*, a nonconformity is raised at once (major),
   with origin "compliance", the evaluation as its source, the obligation's responsible unit and
   the findings as description. Raising is idempotent: an evaluation has at most one open
   nonconformity (:func:`hallbar.nonconformities.services.raise_nonconformity`).
4. An evaluation needs findings unless the result is met, cannot be dated in the future, its next
   evaluation lies after it, its evaluator is an active member of the organisation, and a repealed
   obligation is not evaluated. Evidence files are checked (type, size) before anything is stored.
5. Evaluations are a record: they are not edited or deleted (a later evaluation supersedes them),
   so an obligation that has been evaluated cannot be deleted: mark it repealed instead.
6. An overdue evaluation is reminded to the obligation's responsible person by e-mail
   (:mod:`hallbar.obligations.tasks`), at most every ``rules.REMINDER_INTERVAL_DAYS``; a new
   evaluation clears the reminder.
7. Everything an obligation links to (units, aspects, interested party, responsible person and
   unit) belongs to its organisation.
"""

import calendar
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Permission
from hallbar.aspects.models import Aspect
from hallbar.core.deletion import guarded_delete
from hallbar.core.links import check_organisation_links
from hallbar.documents.services import attach_evidence
from hallbar.documents.uploads import validate_upload
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.services import raise_nonconformity
from hallbar.organisations.models import OrganisationUnit

from .models import Evaluation, Obligation
from .rules import Result, Status

# Links checked against the obligation's organisation: field name → (model, ORM path to the organisation id).
LINKS = {
    "applies_to_units": (OrganisationUnit, "organisation_id"),
    "aspects": (Aspect, "activity__organisation_id"),
}

# What a result leads to (rule 3): the severity of the nonconformity it gives, and which are raised at once.
NONCONFORMITY_SEVERITY = {Result.NOT_MET: Nonconformity.Severity.MAJOR, Result.PARTLY: Nonconformity.Severity.MINOR}
RAISED_AT_ONCE = frozenset({Result.NOT_MET})


def can_change(scope, obj) -> bool:
    return scope.has(Permission.CHANGE, obj)


# Dates ------------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; a day the target month lacks becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def default_next_date(obligation: Obligation, on: date | None = None) -> date:
    """One evaluation interval after ``on`` (today by default)."""
    return add_months(on or timezone.localdate(), obligation.evaluation_interval_months)


# Obligations ------------------------------------------------------------------------------------------


def prepare_obligation(obligation: Obligation) -> None:
    """Apply rule 1 and validate an obligation without saving it: what :func:`save_obligation` does
    before it writes. Bulk writers (the obligations import) call it for every row, then write in bulk."""
    if obligation.status == Status.ACTIVE and obligation.next_evaluation_date is None:
        obligation.next_evaluation_date = default_next_date(obligation)
    obligation.full_clean()


@transaction.atomic
def save_obligation(obligation: Obligation, **links) -> Obligation:
    """Validate and save a new or changed obligation; links (``applies_to_units``, …) given as
    ``None`` or left out stay as they are."""
    unknown = set(links) - set(LINKS)
    if unknown:
        raise TypeError(f"Unknown links: {sorted(unknown)}")
    links = {name: (list(objects) if objects is not None else None) for name, objects in links.items()}
    prepare_obligation(obligation)
    check_organisation_links(obligation.organisation_id, links, LINKS)
    obligation.save()
    for name, objects in links.items():
        if objects is not None:
            getattr(obligation, name).set(objects)
    return obligation


def create_obligation(*, organisation, title: str, kind: str, reference: str, summary: str, **fields) -> Obligation:
    """Create an obligation. ``fields`` are the other model fields and the links (``applies_to_units``,
    …). Raises ValidationError naming the field when something does not fit."""
    links = {name: fields.pop(name) for name in list(fields) if name in LINKS}
    obligation = Obligation(
        organisation=organisation, title=title, kind=kind, reference=reference, summary=summary, **fields
    )
    return save_obligation(obligation, **links)


def update_obligation(obligation: Obligation, **fields) -> Obligation:
    """Change the given fields (and links, when given) of an obligation."""
    links = {name: fields.pop(name) for name in list(fields) if name in LINKS}
    for name, value in fields.items():
        setattr(obligation, name, value)
    return save_obligation(obligation, **links)


def delete_obligation(obligation: Obligation) -> None:
    """Delete an obligation that has never been evaluated; raises DeletionRefused naming the evaluations."""
    guarded_delete(obligation)


# Evaluations ------------------------------------------------------------------------------------------


def _check_evaluation(evaluation: Evaluation) -> None:
    obligation = evaluation.obligation
    errors = {}
    if obligation.status != Status.ACTIVE:
        errors["__all__"] = _("A repealed obligation is not evaluated. Make it active again first.")
    if evaluation.date and evaluation.date > timezone.localdate():
        errors["date"] = _("The date of an evaluation cannot be in the future.")
    member = Membership.objects.filter(
        user_id=evaluation.evaluator_id, organisation_id=obligation.organisation_id, is_active=True
    ).exists()
    if not member:
        errors["evaluator"] = _("The evaluator must be a member of the organisation.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_evaluation(
    obligation: Obligation,
    *,
    evaluator,
    result: str,
    date: date | None = None,
    findings: str = "",
    next_evaluation_date: date | None = None,
    evidence: Iterable = (),
    recorded_by=None,
) -> Evaluation:
    """Record an evaluation (rules 2–4): evidence files attached, the obligation's latest result and
    next date moved, and for *not met* a nonconformity raised. ``recorded_by`` (default: the
    evaluator) uploads the evidence and reports the nonconformity."""
    evaluation = Evaluation(
        obligation=obligation,
        evaluator=evaluator,
        result=result,
        date=date or timezone.localdate(),
        findings=findings,
    )
    evaluation.next_evaluation_date = next_evaluation_date or default_next_date(obligation, evaluation.date)
    evaluation.full_clean()
    _check_evaluation(evaluation)
    files = list(evidence)
    for uploaded in files:
        validate_upload(uploaded)
    evaluation.save()
    recorded_by = recorded_by or evaluator
    for uploaded in files:
        attach_evidence(evaluation, uploaded, user=recorded_by)
    if obligation.last_evaluated_on is None or evaluation.date >= obligation.last_evaluated_on:
        obligation.last_result = evaluation.result
        obligation.last_evaluated_on = evaluation.date
        obligation.next_evaluation_date = evaluation.next_evaluation_date
        obligation.overdue_reminded_at = None
        obligation.save(
            update_fields=["last_result", "last_evaluated_on", "next_evaluation_date", "overdue_reminded_at"]
        )
    if evaluation.result in RAISED_AT_ONCE:
        raise_nonconformity_for(evaluation, reported_by=recorded_by)
    return evaluation


def may_raise_nonconformity(evaluation: Evaluation) -> bool:
    """Partly met and not met evaluations give nonconformities; met ones do not."""
    return evaluation.result in NONCONFORMITY_SEVERITY


def raise_nonconformity_for(evaluation: Evaluation, *, reported_by=None):
    """Raise (or return the open) nonconformity for an evaluation that is not fully met (rule 3)."""
    if not may_raise_nonconformity(evaluation):
        raise ValidationError(_("A requirement that is met gives no nonconformity."))
    obligation = evaluation.obligation
    title = _("%(result)s: %(obligation)s") % {"result": evaluation.get_result_display(), "obligation": obligation}
    return raise_nonconformity(
        organisation=obligation.organisation,
        origin=Nonconformity.Origin.COMPLIANCE,
        title=title[:300],
        description=evaluation.findings,
        source=evaluation,
        responsible_unit=obligation.responsible_unit,
        severity=NONCONFORMITY_SEVERITY[evaluation.result],
        reported_by=reported_by,
    )


def mark_reminded(obligation_ids: Iterable[int], when=None) -> None:
    """Remember that the responsible person was reminded (not a change to the obligation: no history)."""
    Obligation.objects.filter(pk__in=list(obligation_ids)).update(overdue_reminded_at=when or timezone.now())
