"""Every write of nonconformities except stage changes (those are in :mod:`.workflow`).

Views, the API and other apps call these functions. Callers check *who* may write
(``request.scope``; :mod:`.permissions`); these functions check *what* is written.

Rules:

1. Each nonconformity gets a reference number per organisation and year of registration,
   ``AV-2026-003``, handed out by :func:`next_number` — safe when many register at once, on SQLite
   (writes are serialised) and PostgreSQL (the counter row is locked by its ``UPDATE`` until commit).
   Numbers are never reused, even when a nonconformity is deleted.
2. Other apps raise nonconformities from their records (an audit finding, a compliance evaluation …)
   with :func:`raise_nonconformity`, which is idempotent per source: while a nonconformity raised from
   the same record is open, raising again returns it.
3. A closed nonconformity is not edited; reopen it first (the "reopen" move in :mod:`.workflow`). Once
   analysed, its analysis stays complete (immediate correction or "none needed", root cause, whys).
4. Corrective actions are actions (``hallbar.actions``) with the nonconformity as their reason.
5. A nonconformity with corrective actions or evidence files, or one raised from a source record, cannot be
   deleted.
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.accounts.scoping import organisation_id_of
from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused
from hallbar.documents.queries import evidence_for

from . import workflow
from .models import MAX_WHYS, Nonconformity, ReferenceCounter, Stage, Why
from .queries import for_source


def next_number(organisation, year: int) -> int:
    """The next reference number of the organisation in ``year``. Call inside the transaction that
    saves the nonconformity, so that a rollback gives the number back together with the row."""
    counter = ReferenceCounter.objects.filter(organisation=organisation, year=year)
    with transaction.atomic():
        if not counter.update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(organisation=organisation, year=year, last=1)
                    return 1
            except IntegrityError:  # somebody else created this year's counter just now
                counter.update(last=F("last") + 1)
        return counter.values_list("last", flat=True).get()


def _check_source(nonconformity: Nonconformity) -> None:
    source = nonconformity.source
    if source is not None and getattr(type(source), "organisation_lookup", None) is not None:
        if organisation_id_of(source) != nonconformity.organisation_id:
            raise ValidationError(_("The source must belong to the same organisation."))


def _set_source(nonconformity: Nonconformity, source: models.Model | None) -> None:
    if source is None:
        return
    if source.pk is None:
        raise ValueError("The source must be saved before a nonconformity can refer to it.")
    nonconformity.source_type = ContentType.objects.get_for_model(type(source))
    nonconformity.source_id = source.pk


@transaction.atomic
def create_nonconformity(nonconformity: Nonconformity, *, source: models.Model | None = None, user=None):
    """Validate and register a new nonconformity: reference number and the first timeline entry."""
    _set_source(nonconformity, source)
    nonconformity.full_clean(exclude=["year", "number"])
    _check_source(nonconformity)
    nonconformity.year = timezone.localdate().year
    nonconformity.number = next_number(nonconformity.organisation, nonconformity.year)
    nonconformity.stage = Stage.REPORTED
    nonconformity.save()
    workflow.record_registration(nonconformity, user=user or nonconformity.reported_by)
    return nonconformity


def raise_nonconformity(
    *,
    organisation,
    origin: str,
    title: str,
    description: str = "",
    source: models.Model | None = None,
    responsible_unit=None,
    severity: str = Nonconformity.Severity.MINOR,
    reported_by=None,
) -> Nonconformity:
    """Raise a nonconformity, e.g. from an audit finding or a compliance evaluation (``source``).

    Idempotent per source: while a nonconformity raised from ``source`` is not closed, it is returned
    unchanged instead of a new one. Raises ValidationError when something does not fit.
    """
    with transaction.atomic():
        if source is not None:
            existing = for_source(source).exclude(stage=Stage.CLOSED).first()
            if existing is not None:
                return existing
        nonconformity = Nonconformity(
            organisation=organisation,
            origin=origin,
            title=title,
            description=description,
            responsible_unit=responsible_unit,
            severity=severity,
            reported_by=reported_by,
        )
        return create_nonconformity(nonconformity, source=source, user=reported_by)


def update_nonconformity(nonconformity: Nonconformity, **fields) -> Nonconformity:
    """Change the given fields (or save the changes made on the instance, e.g. by a form)."""
    if nonconformity.stage == Stage.CLOSED:
        raise ValidationError(_("A closed nonconformity cannot be changed. Reopen it first."))
    for name, value in fields.items():
        setattr(nonconformity, name, value)
    nonconformity.full_clean()
    gaps = workflow.analysis_gaps(nonconformity) if nonconformity.stage != Stage.REPORTED else []
    if gaps:
        raise ValidationError(
            _("Once the nonconformity is analysed, its analysis must stay complete: %(gaps)s.")
            % {"gaps": "; ".join(gaps)}
        )
    nonconformity.save()
    return nonconformity


@transaction.atomic
def save_whys(nonconformity: Nonconformity, answers: Sequence[str]) -> list[Why]:
    """Replace the five-whys answers with ``answers`` in order (blank ones at the end are dropped)."""
    if nonconformity.stage == Stage.CLOSED:
        raise ValidationError(_("A closed nonconformity cannot be changed. Reopen it first."))
    answers = [answer.strip() for answer in answers]
    while answers and not answers[-1]:
        answers.pop()
    if len(answers) > MAX_WHYS:
        raise ValidationError(_("A five-whys analysis has at most five answers."))
    if any(not answer for answer in answers):
        raise ValidationError(_("Answer the whys in order, without leaving one blank in between."))
    current = {why.position: why for why in nonconformity.whys.all()}
    whys = []
    for position, answer in enumerate(answers, start=1):
        why = current.pop(position, None) or Why(nonconformity=nonconformity, position=position)
        if why.answer != answer or why.pk is None:
            why.answer = answer
            why.save()
        whys.append(why)
    for why in current.values():
        why.delete()
    return whys


@transaction.atomic
def save_analysis(nonconformity: Nonconformity, answers: Sequence[str]) -> Nonconformity:
    """Save the root-cause analysis fields set on the instance and the five-whys ``answers``."""
    save_whys(nonconformity, answers)
    return update_nonconformity(nonconformity)


def add_corrective_action(nonconformity: Nonconformity, *, title: str, **fields) -> Action:
    """A corrective action for the nonconformity: an action with it as the reason, in its organisation
    and (unless another is given) its responsible unit."""
    if nonconformity.stage in (Stage.VERIFIED, Stage.CLOSED):
        raise ValidationError(
            _("Corrective actions cannot be added once the effectiveness is verified. Reopen the nonconformity first.")
        )
    fields.setdefault("responsible_unit", nonconformity.responsible_unit)
    return action_services.create_action(
        organisation=nonconformity.organisation, title=title, reason=nonconformity, **fields
    )


def deletion_refusal(nonconformity: Nonconformity) -> str | None:
    """Why the nonconformity cannot be deleted, or ``None`` when it can."""
    if nonconformity.source_id is not None:
        return _("The nonconformity was raised from another record and is kept with it.")
    if Action.objects.for_reason(nonconformity).exists():
        return _("The nonconformity has corrective actions. Delete or move them first.")
    if evidence_for(nonconformity).exists():
        return _("The nonconformity has evidence files. Delete them first.")
    return None


@transaction.atomic
def delete_nonconformity(nonconformity: Nonconformity) -> None:
    """Delete a nonconformity (with its whys and timeline) or raise DeletionRefused saying why."""
    reason = deletion_refusal(nonconformity)
    if reason is not None:
        message = _("%(object)s cannot be deleted: %(reason)s") % {"object": nonconformity, "reason": reason}
        raise DeletionRefused(message, [reason])
    nonconformity.delete()
