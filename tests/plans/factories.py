"""Factories for plans, focus areas, goals and targets (kept with the plans tests)."""

from decimal import Decimal

import factory

from hallbar.frameworks.models import FrameworkItem
from hallbar.plans.models import FocusArea, Goal, Plan, Target
from tests.factories import OrganisationFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Miljöprogram {n}")
    kind = Plan.Kind.ENVIRONMENTAL_PROGRAMME
    adopted_by = "Kommunfullmäktige"
    valid_from_year = 2024
    valid_to_year = 2030


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Fokusområde {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Mål {n}")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Delmål {n}")
    unit = "ton CO2e/invånare"
    baseline_year = 2019
    baseline_value = Decimal("4.5")
    target_year = 2030
    target_value = Decimal("1.0")
    direction = Target.Direction.DECREASE


def plan_tree_for(organisation, unit=None) -> Plan:
    """A plan with a focus area, a goal (responsible ``unit``) and a target; reused when it exists."""
    plan = Plan.objects.filter(organisation=organisation, title="Klimatplan").first()
    if plan is not None:
        return plan
    plan = PlanFactory(
        organisation=organisation, title="Klimatplan", kind=Plan.Kind.CLIMATE_PLAN, responsible_unit=unit
    )
    area = FocusAreaFactory(plan=plan, title="Energi och transporter")
    goal = GoalFactory(plan=plan, focus_area=area, title="Fossilfri kommun", responsible_unit=unit)
    target = TargetFactory(goal=goal, title="Minskade utsläpp")
    items = FrameworkItem.objects.filter(library__kind="goals", level="target").order_by("urn")[:2]
    goal.framework_items.add(*items)
    target.framework_items.add(*items[:1])
    return plan
