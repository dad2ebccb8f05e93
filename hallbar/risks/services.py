"""Every write of risks and risk matrices, with the status workflow and its guards.

Views and the API call these functions; callers check *who* may write (``request.scope``), these
check *what* is written and write it all or nothing.

Rules:

1. A risk's likelihood and consequence (inherent, and residual when assessed) lie on the scales of
   its organisation's matrix. Its scores and levels are computed here, never typed: score =
   likelihood × consequence, level from the matrix's bands (:mod:`hallbar.risks.calculations`).
2. Changing the matrix recomputes the stored score and level of every risk of the organisation. A
   scale cannot shrink below a level that risks use; the refusal names them.
3. The treatment strategy fits the kind: avoid, reduce, transfer or accept a risk; pursue, enhance or
   accept an opportunity. Residual likelihood and consequence are given together or not at all.
4. The responsible unit, the owner (an active member) and every linked record belong to the risk's
   organisation.
5. Risks are treated through actions — the one action model, with the risk as their *reason*
   (:func:`add_action`). A risk that actions name as their reason cannot be deleted.
6. Status workflow (:data:`TRANSITIONS`, :func:`change_status`): a new risk is open.
   open → treated, open → closed, treated → open, treated → closed, closed → open.
   *Treated* needs a treatment strategy, a residual assessment, no open action, and — unless the
   strategy is to accept — at least one action. *Closed* needs no open action. Reopening is always
   allowed.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.actions.rules import OPEN_STATUSES
from hallbar.core.deletion import DeletionRefused, describe_dependents, guarded_delete

from . import calculations, defaults
from .models import Risk, RiskMatrix
from .queries import matrix_for

# The records a risk links to (many-to-many fields of Risk), each of the risk's organisation.
LINKS = ("scan_items", "aspects", "obligations")

ASSESSMENTS = (("inherent", False), ("residual", True))  # (prefix, optional)

Status = Risk.Status


# Risks ------------------------------------------------------------------------------------------------


def _scale_errors(risk: Risk, matrix: RiskMatrix) -> dict:
    errors = {}
    for prefix, _optional in ASSESSMENTS:
        for scale in defaults.SCALES:
            name = f"{prefix}_{scale}"
            value = getattr(risk, name)
            size = matrix.size(scale)
            if value is not None and not 1 <= value <= size:
                errors[name] = _("Choose a level from 1 to %(size)d (the organisation's matrix).") % {"size": size}
    return errors


def assess(risk: Risk, matrix: RiskMatrix) -> None:
    """Set the stored scores and levels of ``risk`` from its likelihoods and consequences (rule 1)."""
    bands = matrix.bands()
    for prefix, optional in ASSESSMENTS:
        likelihood, consequence = getattr(risk, f"{prefix}_likelihood"), getattr(risk, f"{prefix}_consequence")
        if optional and (likelihood is None or consequence is None):
            score, level = None, None
        else:
            score, level = calculations.score(likelihood, consequence), bands.level(likelihood, consequence)
        setattr(risk, f"{prefix}_score", score)
        setattr(risk, f"{prefix}_level", level)


def check_links(organisation_id: int, links: dict[str, Iterable | None]) -> None:
    """Linked records (``None``: not changed) must belong to the organisation; raises naming the others."""
    errors = {}
    for name, objects in links.items():
        if objects is None:
            continue
        field = Risk._meta.get_field(name)
        lookup = field.related_model.organisation_lookup
        ids = [obj.pk for obj in objects]
        foreign = field.related_model.objects.filter(pk__in=ids).exclude(**{lookup: organisation_id})
        if ids and foreign.exists():
            names = ", ".join(f"“{obj}”" for obj in foreign[:5])
            errors[name] = _("These belong to another organisation: %(names)s.") % {"names": names}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_risk(risk: Risk, **links: Iterable[models.Model] | None) -> Risk:
    """Validate, assess and save a new or changed risk; ``links`` (``scan_items``, ``aspects``,
    ``obligations``) given as ``None`` or left out stay as they are."""
    unknown = set(links) - set(LINKS)
    if unknown:
        raise TypeError(f"Risks do not link to {', '.join(sorted(unknown))}.")
    links = {name: (list(objects) if objects is not None else None) for name, objects in links.items()}
    matrix = matrix_for(risk.organisation)
    errors = _scale_errors(risk, matrix)
    if errors:
        raise ValidationError(errors)
    if risk.inherent_likelihood is not None and risk.inherent_consequence is not None:
        assess(risk, matrix)
    risk.full_clean()
    check_links(risk.organisation_id, links)
    risk.save()
    for name, objects in links.items():
        if objects is not None:
            getattr(risk, name).set(objects)
    return risk


def create_risk(*, organisation, title: str, inherent_likelihood: int, inherent_consequence: int, **fields) -> Risk:
    """Create an open risk (or, with ``kind="opportunity"``, an opportunity).

    ``fields`` are the other model fields (``kind``, ``description``, ``cause``, ``effect``,
    ``category``, ``responsible_unit``, ``owner``, ``treatment_strategy``, ``residual_likelihood``,
    ``residual_consequence``, ``review_date``) and the links (``scan_items``, ``aspects``,
    ``obligations``). Raises ValidationError naming the field when something does not fit.
    """
    if fields.get("status", Status.OPEN) != Status.OPEN:
        raise ValidationError({"status": _("A new risk or opportunity is open.")})
    links = {name: fields.pop(name) for name in list(fields) if name in LINKS}
    risk = Risk(
        organisation=organisation,
        title=title,
        inherent_likelihood=inherent_likelihood,
        inherent_consequence=inherent_consequence,
        **fields,
    )
    return save_risk(risk, **links)


def update_risk(risk: Risk, **fields) -> Risk:
    """Change the given fields (and links, when given) of a risk. The status changes only through
    :func:`change_status`."""
    if "status" in fields:
        raise ValidationError({"status": _("The status is changed with its own buttons, not edited.")})
    links = {name: fields.pop(name) for name in list(fields) if name in LINKS}
    for name, value in fields.items():
        setattr(risk, name, value)
    return save_risk(risk, **links)


def actions_of(risk: Risk) -> models.QuerySet:
    return Action.objects.for_reason(risk)


def check_deletable(risk: Risk) -> None:
    """Raise DeletionRefused, naming them, while actions name ``risk`` as their reason (a generic
    relation, which the general guard in :mod:`hallbar.core.deletion` cannot see)."""
    actions = list(actions_of(risk))
    if actions:
        dependents = describe_dependents(actions)
        message = _(
            "%(object)s cannot be deleted because actions treat it: %(list)s. "
            "Close it instead, or delete the actions first."
        ) % {"object": capfirst(str(risk)), "list": "; ".join(dependents)}
        raise DeletionRefused(message, dependents)


def delete_risk(risk: Risk) -> None:
    """Delete a risk that nothing depends on; raises DeletionRefused naming the dependents otherwise."""
    check_deletable(risk)
    guarded_delete(risk)


def add_action(risk: Risk, *, title: str, **fields) -> Action:
    """Create an action that treats ``risk`` (see :func:`hallbar.actions.services.create_action`)."""
    return action_services.create_action(organisation=risk.organisation, title=title, reason=risk, **fields)


# Status workflow -------------------------------------------------------------------------------------

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.OPEN: (Status.TREATED, Status.CLOSED),
    Status.TREATED: (Status.OPEN, Status.CLOSED),
    Status.CLOSED: (Status.OPEN,),
}

# What each transition is called on a button: "Mark as treated", "Close", "Reopen".
TRANSITION_LABELS = {
    Status.OPEN: gettext_lazy("Reopen"),
    Status.TREATED: gettext_lazy("Mark as treated"),
    Status.CLOSED: gettext_lazy("Close"),
}


def _open_actions(risk: Risk) -> int:
    return actions_of(risk).filter(status__in=OPEN_STATUSES).count()


def transition_problems(risk: Risk, status: str) -> list[str]:
    """Why ``risk`` cannot move to ``status`` now: an empty list when it can."""
    if status not in TRANSITIONS.get(risk.status, ()):
        return [_("it is %(current)s") % {"current": str(Status(risk.status).label).lower()}]
    problems = []
    open_actions = _open_actions(risk) if status in (Status.TREATED, Status.CLOSED) else 0
    if status == Status.TREATED:
        if not risk.treatment_strategy:
            problems.append(_("no treatment strategy is chosen"))
        if not risk.has_residual:
            problems.append(_("the residual likelihood and consequence are not assessed"))
        if risk.treatment_strategy != Risk.Strategy.ACCEPT and not actions_of(risk).exists():
            problems.append(_("no action treats it (an action is needed unless the strategy is to accept)"))
    if open_actions:
        problems.append(
            ngettext("%(n)d action is still open", "%(n)d actions are still open", open_actions) % {"n": open_actions}
        )
    return problems


def allowed_transitions(risk: Risk) -> list[str]:
    """The statuses the workflow leads to from the current one (guards not checked)."""
    return list(TRANSITIONS.get(risk.status, ()))


def change_status(risk: Risk, status: str) -> Risk:
    """Move ``risk`` to ``status``, or raise ValidationError saying why it cannot."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    problems = transition_problems(risk, status)
    if problems:
        messages = {
            Status.OPEN: _("“%(title)s” cannot be reopened: %(reasons)s."),
            Status.TREATED: _("“%(title)s” cannot be marked as treated: %(reasons)s."),
            Status.CLOSED: _("“%(title)s” cannot be closed: %(reasons)s."),
        }
        raise ValidationError(messages[status] % {"title": risk.title, "reasons": "; ".join(problems)})
    risk.status = status
    risk.save(update_fields=["status", "updated_at"])
    return risk


# The matrix ------------------------------------------------------------------------------------------


def _normalise_labels(matrix: RiskMatrix) -> None:
    """One entry per level (padded with empty labels, trimmed of blanks at the end; cut when shorter)."""
    for scale in defaults.SCALES:
        labels = getattr(matrix, f"{scale}_labels")
        if isinstance(labels, list) and all(isinstance(label, str) for label in labels):
            labels = [label.strip() for label in labels][: matrix.size(scale)]
            while labels and not labels[-1]:
                labels.pop()
            setattr(matrix, f"{scale}_labels", labels)


def _risks_beyond(matrix: RiskMatrix) -> dict:
    """Risks using a level above the (new) size of a scale, by the scale's size field."""
    risks = Risk.objects.filter(organisation=matrix.organisation)
    errors = {}
    for scale in defaults.SCALES:
        size = matrix.size(scale)
        beyond = risks.filter(
            models.Q(**{f"inherent_{scale}__gt": size}) | models.Q(**{f"residual_{scale}__gt": size})
        ).order_by("title")
        count = beyond.count()
        if count:
            names = ", ".join(f"“{risk}”" for risk in beyond[:5])
            errors[f"{scale}_levels"] = ngettext(
                "The scale cannot have %(size)d levels: %(n)d risk uses a higher level (%(names)s). Change it first.",
                "The scale cannot have %(size)d levels: %(n)d risks use a higher level (%(names)s). Change them first.",
                count,
            ) % {"size": size, "n": count, "names": names}
    return errors


def recompute_levels(organisation, matrix: RiskMatrix | None = None) -> int:
    """Reassess every risk of the organisation with its matrix; returns how many changed.

    The scores and levels are derived values: they are written in bulk, without a history record of
    their own (the matrix change that caused them is recorded)."""
    matrix = matrix or matrix_for(organisation)
    changed = []
    fields = ["inherent_score", "inherent_level", "residual_score", "residual_level"]
    for risk in Risk.objects.filter(organisation=organisation):
        before = [getattr(risk, name) for name in fields]
        assess(risk, matrix)
        if [getattr(risk, name) for name in fields] != before:
            changed.append(risk)
    Risk.objects.bulk_update(changed, fields, batch_size=500)
    return len(changed)


@transaction.atomic
def save_matrix(matrix: RiskMatrix) -> int:
    """Validate and save the organisation's matrix, then recompute the stored levels of its risks.

    Returns how many risks changed level or score. Raises ValidationError naming the field."""
    _normalise_labels(matrix)
    if matrix.band_method != RiskMatrix.BandMethod.CELLS:
        matrix.cell_levels = []
    matrix.full_clean()
    errors = _risks_beyond(matrix)
    if errors:
        raise ValidationError(errors)
    matrix.save()
    return recompute_levels(matrix.organisation, matrix)
