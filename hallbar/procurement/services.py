"""Every write of procurements and contract follow-up, with the status workflow and its guards.

Views and the API call these functions; callers check *who* may write (``request.scope``), these
check *what* is written and write it all or nothing.

Rules:

1. The buying unit belongs to the procurement's organisation; the contract does not end before it
   starts; values are whole kronor, not negative.
2. The requirement flags follow the criteria: choosing a criterion of a kind (environmental, social,
   innovation) sets that flag. A flag can be set without a criterion (a requirement written freely).
   Criteria no longer in the library can be kept but not newly chosen.
3. Status workflow (:data:`TRANSITIONS`, :func:`change_status`): a new procurement is planned.
   planned → advertised, planned → contract signed (direct award, call-off), planned → cancelled,
   advertised → contract signed, advertised → cancelled, contract signed → contract ended,
   contract ended → contract signed (extended), cancelled → planned.
   *Contract signed* needs the contracted value and the contract start. *Contract ended* needs the
   contract end, and no check of the follow-up plan still waiting for its outcome.
4. Follow-up checks (:func:`save_check`) plan which requirement is checked, how and when; a
   criterion named must be one the procurement uses. An outcome (:func:`record_outcome`) can be
   recorded once the contract is signed, on a date not in the future; a deviation needs findings
   and raises a nonconformity (origin: contract follow-up) with the check as its source, whose
   corrective actions are the one Action model.
5. Contracted suppliers (:func:`save_supplier`) are named by organisation number, normalised as the
   ledger import normalises it (``models.supplier.normalise_supplier_number``), once per procurement.
6. A procurement with follow-up checks or actions (with it as their *reason*), or a check with a
   nonconformity, cannot be deleted.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused, describe_dependents, guarded_delete
from hallbar.nonconformities import services as nonconformity_services
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.queries import for_source

from .models import ContractCheck, ContractedSupplier, CpvCode, Criterion, Procurement

Status = Procurement.Status
Outcome = ContractCheck.Outcome

FLAG_OF_KIND = {
    Criterion.Kind.ENVIRONMENTAL: "environmental_requirements",
    Criterion.Kind.SOCIAL: "social_requirements",
    Criterion.Kind.INNOVATION: "innovation",
}


# Procurements ---------------------------------------------------------------------------------------


@transaction.atomic
def save_procurement(
    procurement: Procurement,
    *,
    cpv_codes: Iterable[CpvCode] | None = None,
    criteria: Iterable[Criterion] | None = None,
    suppliers: Iterable[tuple[str, str]] | None = None,
) -> Procurement:
    """Validate and save a new or changed procurement; ``cpv_codes``, ``criteria`` and ``suppliers``
    ((organisation number, name) pairs, see :func:`set_suppliers`) given as ``None`` stay as they are.
    The requirement flags of the chosen criteria's kinds are set (rule 2)."""
    creating = procurement.pk is None
    if creating and procurement.status != Status.PLANNED:
        raise ValidationError({"status": _("A new procurement is planned.")})
    if not creating and Procurement.objects.filter(pk=procurement.pk).values_list("status", flat=True).get() != (
        procurement.status
    ):
        raise ValidationError({"status": _("The status is changed with its own buttons, not edited.")})
    if criteria is not None:
        criteria = list(criteria)
        kept = set() if creating else set(procurement.criteria.values_list("pk", flat=True))
        retired = [str(criterion) for criterion in criteria if not criterion.in_library and criterion.pk not in kept]
        if retired:
            raise ValidationError(
                {"criteria": _("No longer in the criteria library: %(names)s.") % {"names": ", ".join(retired)}}
            )
        for criterion in criteria:
            setattr(procurement, FLAG_OF_KIND[criterion.kind], True)
    procurement.full_clean()
    procurement.save()
    if cpv_codes is not None:
        procurement.cpv_codes.set(list(cpv_codes))
    if criteria is not None:
        procurement.criteria.set(criteria)
    if suppliers is not None:
        set_suppliers(procurement, suppliers)
    return procurement


TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PLANNED: (Status.ADVERTISED, Status.CONTRACTED, Status.CANCELLED),
    Status.ADVERTISED: (Status.CONTRACTED, Status.CANCELLED),
    Status.CONTRACTED: (Status.ENDED,),
    Status.ENDED: (Status.CONTRACTED,),
    Status.CANCELLED: (Status.PLANNED,),
}

# What each transition is called on a button.
TRANSITION_LABELS = {
    Status.PLANNED: gettext_lazy("Plan again"),
    Status.ADVERTISED: gettext_lazy("Mark as advertised"),
    Status.CONTRACTED: gettext_lazy("Mark the contract as signed"),
    Status.ENDED: gettext_lazy("Mark the contract as ended"),
    Status.CANCELLED: gettext_lazy("Cancel the procurement"),
}


def transition_problems(procurement: Procurement, status: str) -> list[str]:
    """Why ``procurement`` cannot move to ``status`` now: an empty list when it can."""
    if status not in TRANSITIONS.get(procurement.status, ()):
        return [
            _("A procurement that is “%(current)s” cannot become “%(new)s”.")
            % {"current": procurement.get_status_display(), "new": Status(status).label}
        ]
    problems = []
    if status == Status.CONTRACTED:
        if procurement.contracted_value_sek is None:
            problems.append(_("the contracted value is missing"))
        if procurement.contract_start is None:
            problems.append(_("the contract start is missing"))
    if status == Status.ENDED:
        if procurement.contract_end is None:
            problems.append(_("the contract end is missing"))
        pending = procurement.checks.filter(outcome=Outcome.PENDING).count()
        if pending:
            problems.append(
                ngettext(
                    "%(count)d follow-up check still waits for its outcome",
                    "%(count)d follow-up checks still wait for their outcome",
                    pending,
                )
                % {"count": pending}
            )
    return problems


def allowed_transitions(procurement: Procurement) -> list[tuple[str, object]]:
    """The (status, button label) pairs the workflow offers from the current status."""
    return [(status, TRANSITION_LABELS[status]) for status in TRANSITIONS[procurement.status]]


@transaction.atomic
def change_status(procurement: Procurement, status: str) -> Procurement:
    """Move to ``status`` or raise ValidationError saying why not."""
    problems = transition_problems(procurement, status)
    if problems:
        raise ValidationError(
            _("The procurement cannot become “%(status)s”: %(problems)s.")
            % {"status": Status(status).label if status in Status.values else status, "problems": "; ".join(problems)}
        )
    procurement.status = status
    procurement.save(update_fields=["status"])
    return procurement


def check_deletable(procurement: Procurement) -> None:
    """Raise DeletionRefused, naming them, while actions name the procurement as their reason (a
    generic relation, which the general guard in :mod:`hallbar.core.deletion` cannot see)."""
    actions = list(Action.objects.for_reason(procurement))
    if actions:
        dependents = describe_dependents(actions)
        message = _("%(object)s cannot be deleted because actions follow it up: %(list)s.") % {
            "object": capfirst(str(procurement)),
            "list": "; ".join(dependents),
        }
        raise DeletionRefused(message, dependents)


def delete_procurement(procurement: Procurement) -> None:
    """Delete a procurement that nothing depends on (follow-up checks, actions); DeletionRefused
    names what depends on it otherwise."""
    check_deletable(procurement)
    guarded_delete(procurement)


# Contracted suppliers -------------------------------------------------------------------------------


def save_supplier(supplier: ContractedSupplier) -> ContractedSupplier:
    """Validate (the number normalised, once per procurement) and save a contracted supplier."""
    supplier.full_clean()
    supplier.save()
    return supplier


def delete_supplier(supplier: ContractedSupplier) -> None:
    supplier.delete()


@transaction.atomic
def set_suppliers(procurement: Procurement, suppliers: Iterable[tuple[str, str]]) -> None:
    """Make ``suppliers`` ((organisation number, name) pairs) the procurement's whole list: suppliers
    kept (same number once normalised) are renamed if needed, others added or removed. Every
    problem is named by the supplier's place in the list; nothing changes then."""
    wanted: dict[str, str] = {}
    errors = []
    for position, (number, name) in enumerate(suppliers, start=1):
        candidate = ContractedSupplier(org_number=number, name=name)
        try:
            candidate.clean()
            candidate.clean_fields(exclude=["procurement"])
            if candidate.org_number in wanted:
                raise ValidationError({"org_number": _("This supplier is already named for the procurement.")})
        except ValidationError as error:
            messages = [message for field_messages in error.message_dict.values() for message in field_messages]
            errors.extend(
                _("Supplier %(position)d: %(problem)s") % {"position": position, "problem": message}
                for message in messages
            )
            continue
        wanted[candidate.org_number] = candidate.name
    if errors:
        raise ValidationError({"suppliers": errors})
    current = {supplier.org_number: supplier for supplier in procurement.suppliers.all()}
    for number, supplier in current.items():
        if number not in wanted:
            supplier.delete()
        elif supplier.name != wanted[number]:
            supplier.name = wanted[number]
            supplier.save(update_fields=["name"])
    for number, name in wanted.items():
        if number not in current:
            ContractedSupplier.objects.create(procurement=procurement, org_number=number, name=name)


# Contract follow-up ---------------------------------------------------------------------------------


def save_check(check: ContractCheck) -> ContractCheck:
    """Validate and save a planned check (which requirement, how, when)."""
    if check.pk is None and check.outcome != Outcome.PENDING:
        raise ValidationError({"outcome": _("A new check has no outcome yet; record it when it is made.")})
    check.full_clean()
    check.save()
    return check


@transaction.atomic
def record_outcome(
    check: ContractCheck, *, outcome: str, checked_on, findings: str = "", user=None
) -> Nonconformity | None:
    """Record the outcome of a check; a deviation raises (or returns the open) nonconformity."""
    procurement = check.procurement
    errors = {}
    if procurement.status not in (Status.CONTRACTED, Status.ENDED):
        errors["outcome"] = _("Outcomes are recorded once the contract is signed.")
    elif outcome == Outcome.PENDING:
        errors["outcome"] = _("Choose fulfilled or deviation.")
    if checked_on is None:
        errors["checked_on"] = _("Enter the date of the check.")
    elif checked_on > timezone.localdate():
        errors["checked_on"] = _("The date of the check cannot be in the future.")
    if outcome == Outcome.DEVIATION and not findings.strip():
        errors["findings"] = _("Describe the deviation.")
    if errors:
        raise ValidationError(errors)
    check.outcome, check.checked_on, check.findings = outcome, checked_on, findings
    check.full_clean()
    check.save()
    if outcome != Outcome.DEVIATION:
        return None
    return nonconformity_services.raise_nonconformity(
        organisation=procurement.organisation,
        origin=Nonconformity.Origin.CONTRACT,
        title=_("Deviation in contract follow-up: %(requirement)s (%(procurement)s)")
        % {"requirement": check.requirement, "procurement": procurement.title},
        description=findings,
        source=check,
        responsible_unit=procurement.responsible_unit,
        reported_by=user,
    )


def delete_check(check: ContractCheck) -> None:
    """Delete a check unless a nonconformity was raised from it (a generic relation the guard cannot see)."""
    raised = list(for_source(check))
    if raised:
        dependents = describe_dependents(raised)
        message = _("%(object)s cannot be deleted because a nonconformity was raised from it: %(list)s.") % {
            "object": capfirst(str(check)),
            "list": "; ".join(dependents),
        }
        raise DeletionRefused(message, dependents)
    guarded_delete(check)
