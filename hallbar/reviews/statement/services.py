"""Every write of environmental statements and core indicator sources, with the statement's rules.

Callers check *who* may write (``request.scope``: CHANGE on the organisation for statements,
WRITE_FINDINGS for recording and withdrawing the validation, MANAGE_FOLLOW_UP for the core indicator
sources); these functions check *what* is written.

A statement is a **draft** until the environmental verifier's validation is recorded, then
**validated**. The only transitions:

* **validate** (draft → validated): the verifier's name, accreditation or licence number and the date
  of validation are all given; the date is not in the future, falls after the reporting year has
  ended and not before the date of the statement. The content generated from the system at that
  moment is frozen in the statement, so it keeps showing what was validated.
* **withdraw** (validated → draft): the validation is removed, and with it the frozen content; the
  statement is generated from the live data again.

A validated statement cannot be changed or deleted: withdraw the validation first.
"""

from datetime import date
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CoreIndicatorSource, EnvironmentalStatement
from ..models.statement import Area
from . import content


class Transition(StrEnum):
    VALIDATE = "validate"
    WITHDRAW = "withdraw"


def _state(statement: EnvironmentalStatement) -> str:
    return "validated" if statement.is_validated else "draft"


# state → the transitions allowed from it
TRANSITIONS: dict[str, frozenset[Transition]] = {
    "draft": frozenset({Transition.VALIDATE}),
    "validated": frozenset({Transition.WITHDRAW}),
}


def allowed(statement: EnvironmentalStatement, transition: Transition) -> bool:
    return transition in TRANSITIONS[_state(statement)]


def _stored(statement: EnvironmentalStatement) -> EnvironmentalStatement | None:
    if statement.pk is None:
        return None
    return EnvironmentalStatement.objects.filter(pk=statement.pk).first()


def require_changeable(statement: EnvironmentalStatement) -> None:
    """Refuse changing a validated statement, with the reason."""
    stored = _stored(statement)
    if stored is not None and stored.is_validated:
        raise ValidationError(
            _("%(statement)s has been validated and cannot be changed. Withdraw the validation first.")
            % {"statement": stored}
        )


def require_deletable(statement: EnvironmentalStatement) -> None:
    if statement.is_validated:
        raise ValidationError(
            _("%(statement)s has been validated and cannot be deleted. Withdraw the validation first.")
            % {"statement": statement}
        )


def save_statement(statement: EnvironmentalStatement) -> EnvironmentalStatement:
    """Create or change a draft statement (the description, the year and the date of the statement)."""
    require_changeable(statement)
    statement.full_clean()
    statement.save()
    return statement


def validation_errors(
    statement: EnvironmentalStatement, *, verifier_name: str, accreditation_number: str, validated_on: date | None
) -> dict[str, str]:
    """Why this validation cannot be recorded, by field (empty when it can)."""
    errors = {}
    if not verifier_name.strip():
        errors["verifier_name"] = _("Give the name of the environmental verifier.")
    if not accreditation_number.strip():
        errors["accreditation_number"] = _("Give the verifier's accreditation or licence number.")
    if validated_on is None:
        errors["validated_on"] = _("Give the date of validation.")
    elif validated_on > timezone.localdate():
        errors["validated_on"] = _("The date of validation cannot be in the future.")
    elif validated_on <= date(statement.year, 12, 31):
        errors["validated_on"] = _(
            "A statement for %(year)s can be validated only after the year has ended, from %(first)s."
        ) % {"year": statement.year, "first": date(statement.year + 1, 1, 1).isoformat()}
    elif validated_on < statement.statement_date:
        errors["validated_on"] = _("The date of validation cannot be before the date of the statement (%(date)s).") % {
            "date": statement.statement_date.isoformat()
        }
    return errors


@transaction.atomic
def validate(
    statement: EnvironmentalStatement, *, verifier_name: str, accreditation_number: str, validated_on: date | None
) -> EnvironmentalStatement:
    """Record the verifier's validation and freeze the content generated now."""
    if not allowed(statement, Transition.VALIDATE):
        raise ValidationError(_("%(statement)s has already been validated.") % {"statement": statement})
    errors = validation_errors(
        statement, verifier_name=verifier_name, accreditation_number=accreditation_number, validated_on=validated_on
    )
    if errors:
        raise ValidationError(errors)
    statement.verifier_name = verifier_name.strip()
    statement.accreditation_number = accreditation_number.strip()
    statement.validated_on = validated_on
    statement.content = content.build(statement)
    statement.frozen_at = timezone.now()
    statement.save()
    return statement


def withdraw(statement: EnvironmentalStatement) -> EnvironmentalStatement:
    """Remove the validation (and the frozen content): the statement is a draft again."""
    if not allowed(statement, Transition.WITHDRAW):
        raise ValidationError(
            _("%(statement)s has not been validated, so there is no validation to withdraw.") % {"statement": statement}
        )
    statement.verifier_name = statement.accreditation_number = ""
    statement.validated_on = None
    statement.content = {}
    statement.frozen_at = None
    statement.save()
    return statement


@transaction.atomic
def save_core_indicator_sources(organisation, choices: dict[str, dict]) -> list[CoreIndicatorSource]:
    """Set the sources of every core indicator area at once from ``{area: {"a_indicator", "b_indicator",
    "note"}}``; an area with nothing chosen and no note has no source. All or nothing: the errors of
    every area are raised together, keyed ``<area>-<field>``."""
    existing = {source.area: source for source in CoreIndicatorSource.objects.filter(organisation=organisation)}
    errors: dict[str, list] = {}
    to_save, to_delete = [], []
    for area in Area:
        chosen = choices.get(area.value, {})
        source = existing.get(area.value) or CoreIndicatorSource(organisation=organisation, area=area.value)
        source.a_indicator = chosen.get("a_indicator")
        source.b_indicator = chosen.get("b_indicator")
        source.note = (chosen.get("note") or "").strip()
        if source.a_indicator is None and source.b_indicator is None and not source.note:
            if source.pk:
                to_delete.append(source)
            continue
        try:
            source.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"{area.value}-{field}", []).extend(messages)
        to_save.append(source)
    if errors:
        raise ValidationError(errors)
    for source in to_delete:
        source.delete()
    for source in to_save:
        source.save()
    return to_save
