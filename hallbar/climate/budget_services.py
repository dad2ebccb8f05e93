"""Every write of a climate budget, its allocation, measures and follow-up, and its status.

Views call these functions; they check *who* may write (``request.scope``: coordinators and
administrators — ``MANAGE_FOLLOW_UP`` — the budget and allocation; editors the measures of their own
units), these check *what* is written and write it all or nothing.

Rules:

1. A budget is a draft until it is adopted: draft ──adopt──▶ adopted. Adopting needs ceilings (the
   organisation is linked to a municipality the preset covers); it freezes the figures and records the
   preset's version, who and when. An adopted budget is locked: its details, allocation and measures
   no longer change and it cannot be deleted.
2. The units' shares of one sector add up to at most 100 %; each share is above 0 and at most 100 %.
3. A measure's effect is not negative; its start year lies within the budget's years or before them;
   its lifetime is at least one year; funding is not negative.
4. Reported effects (the follow-up) are recorded also after adoption, for a year of the budget.
5. A measure's new actions are the one action model, with the measure as their *reason*; existing
   actions of the organisation may be linked.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.accounts.roles import Permission
from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.core.workflow import Transition, Workflow

from . import budget_calculations as calc
from .budget_queries import live_figures
from .models import ClimateBudget, Measure, MeasureEffect, SectorResponsibility

# Status ----------------------------------------------------------------------------------------------


def _has_ceilings(budget: ClimateBudget) -> str | None:
    problem = live_figures(budget).problem
    return f"{problem[0].lower()}{problem[1:]}" if problem else None


def _adopt(budget: ClimateBudget, user) -> None:
    budget.figures = live_figures(budget).to_json()
    budget.method_version = budget.method.version
    budget.adopted_by = user
    budget.adopted_at = timezone.now()


WORKFLOW = Workflow(
    (
        Transition(
            "adopt",
            ClimateBudget.Status.DRAFT,
            ClimateBudget.Status.ADOPTED,
            gettext_lazy("Adopt the climate budget"),
            gettext_lazy("The climate budget cannot be adopted"),
            guards=(_has_ceilings,),
            effect=_adopt,
            permission=Permission.MANAGE_FOLLOW_UP,
        ),
    ),
    unknown=gettext_lazy("There is no such step for a climate budget."),
)


@transaction.atomic
def transition(budget: ClimateBudget, name: str, *, user) -> ClimateBudget:
    locked = ClimateBudget.objects.select_for_update().get(pk=budget.pk)
    refused = WORKFLOW.problems(locked, name)
    if refused:
        raise ValidationError(refused)
    step = WORKFLOW.transitions[name]
    locked.status = step.target
    step.effect(locked, user)
    locked.save()
    return locked


def adopt(budget: ClimateBudget, *, user) -> ClimateBudget:
    return transition(budget, "adopt", user=user)


def locked_refusal(budget: ClimateBudget) -> str | None:
    if budget.is_adopted:
        return _("The climate budget cannot be changed: it is adopted.")
    return None


def require_draft(budget: ClimateBudget) -> None:
    message = locked_refusal(budget)
    if message:
        raise ValidationError(message)


# The budget ------------------------------------------------------------------------------------------


def save_budget(budget: ClimateBudget) -> ClimateBudget:
    if budget.pk:
        require_draft(ClimateBudget.objects.get(pk=budget.pk))
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def delete_budget(budget: ClimateBudget) -> None:
    require_draft(budget)
    for measure in budget.measures.all():
        if Action.objects.for_reason(measure).exists():
            raise ValidationError(
                _("The climate budget cannot be deleted: actions were started for its measure “%(measure)s”.")
                % {"measure": measure}
            )
    budget.delete()


# Allocation ------------------------------------------------------------------------------------------


@transaction.atomic
def save_responsibility(responsibility: SectorResponsibility) -> SectorResponsibility:
    """Rule 2: refuses a share outside (0, 100] or one that brings the sector above 100 %."""
    require_draft(responsibility.budget)
    if responsibility.unit_id and responsibility.unit.organisation_id != responsibility.budget.organisation_id:
        raise ValidationError({"unit": _("Choose a unit of the organisation.")})
    share = responsibility.share_percent
    if share is None or not 0 < share <= 100:
        raise ValidationError({"share_percent": _("Give a share above 0 and at most 100 %.")})
    others = SectorResponsibility.objects.filter(budget=responsibility.budget, sector=responsibility.sector).exclude(
        pk=responsibility.pk
    )
    items = [calc.Responsibility(r.unit_id, r.sector, r.share_percent) for r in others]
    items.append(calc.Responsibility(responsibility.unit_id, responsibility.sector, share))
    over = calc.sector_share_problems(items)
    if over:
        raise ValidationError(
            {
                "share_percent": _(
                    "The units' shares of %(sector)s would add up to %(total)s %%; they may add up to at most 100 %%."
                )
                % {"sector": responsibility.get_sector_display(), "total": f"{over[responsibility.sector]:g}"}
            }
        )
    responsibility.full_clean()
    responsibility.save()
    return responsibility


def delete_responsibility(responsibility: SectorResponsibility) -> None:
    require_draft(responsibility.budget)
    responsibility.delete()


# Measures --------------------------------------------------------------------------------------------


def measure_errors(measure: Measure) -> dict[str, str]:
    """Rule 3, by field."""
    errors: dict[str, str] = {}
    if measure.effect_t is not None and measure.effect_t < 0:
        errors["effect_t"] = _("The effect cannot be negative: give the reduction in tonnes CO2e per year.")
    if measure.lifetime_years is not None and measure.lifetime_years < 1:
        errors["lifetime_years"] = _("The lifetime is at least one year.")
    budget = measure.budget
    if measure.start_year and measure.start_year > budget.years[-1]:
        errors["start_year"] = _("The measure must start by %(year)s, the last year of the budget.") % {
            "year": budget.years[-1]
        }
    if measure.unit_id and measure.unit.organisation_id != budget.organisation_id:
        errors["unit"] = _("Choose a unit of the organisation.")
    return errors


@transaction.atomic
def save_measure(measure: Measure, *, actions=None) -> Measure:
    require_draft(measure.budget)
    errors = measure_errors(measure)
    if errors:
        raise ValidationError(errors)
    measure.full_clean()
    measure.save()
    if actions is not None:
        link_actions(measure, actions)
    return measure


def link_actions(measure: Measure, actions) -> None:
    actions = list(actions)
    if any(action.organisation_id != measure.budget.organisation_id for action in actions):
        raise ValidationError({"actions": _("Link only actions of the organisation.")})
    measure.actions.set(actions)


def delete_measure(measure: Measure) -> None:
    require_draft(measure.budget)
    if Action.objects.for_reason(measure).exists():
        raise ValidationError(_("The measure cannot be deleted: actions were started for it."))
    measure.delete()


@transaction.atomic
def add_action(measure: Measure, *, title: str, **fields) -> Action:
    """Rule 5: a new action for the measure (its reason), linked to it; ``fields`` as for
    :func:`hallbar.actions.services.create_action`."""
    fields.setdefault("responsible_unit", measure.unit)
    action = action_services.create_action(
        organisation=measure.budget.organisation, title=title, reason=measure, **fields
    )
    measure.actions.add(action)
    return action


# Follow-up -------------------------------------------------------------------------------------------


def record_effect(measure: Measure, *, year: int, effect_t: float, note: str = "") -> MeasureEffect:
    """Rule 4: the effect reported for ``year`` (replaces an earlier report of that year)."""
    if year not in measure.budget.years:
        raise ValidationError(
            {
                "year": _("Choose a year of the budget (%(first)s–%(last)s).")
                % {"first": measure.budget.years[0], "last": measure.budget.years[-1]}
            }
        )
    if effect_t is None or effect_t < 0:
        raise ValidationError({"effect_t": _("The effect cannot be negative: give the reduction in tonnes CO2e.")})
    effect, _created = MeasureEffect.objects.update_or_create(
        measure=measure, year=year, defaults={"effect_t": effect_t, "note": note}
    )
    return effect
