"""Factories for action plans, actions, progress updates and follow-up settings (kept with the actions tests)."""

from datetime import date
from decimal import Decimal

import factory

from hallbar.accounts.models import Membership
from hallbar.actions import services
from hallbar.actions.models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from hallbar.plans.models import Target
from tests.factories import OrganisationFactory, UserFactory


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Åtgärdsplan {n}")
    valid_from_year = 2025
    valid_to_year = 2027


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Åtgärd {n}")
    status = Action.Status.ONGOING
    start_date = date(2025, 1, 1)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    text = "Upphandlingen är klar."
    status = Action.Status.ONGOING


class FollowUpSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpSettings
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)


def action_for(organisation, unit=None) -> Action:
    """An action (responsible ``unit``) in an action plan implementing the plan tree, linked to its goal,
    target and indicator, with a contact person and one progress update; reused when it exists."""
    from tests.indicators.factories import indicator_for
    from tests.plans.factories import plan_tree_for

    action = Action.objects.filter(organisation=organisation, title="Laddinfrastruktur").first()
    if action is not None:
        return action
    plan = plan_tree_for(organisation, unit)
    indicator = indicator_for(organisation, unit)
    action_plan = ActionPlanFactory(
        organisation=organisation, title="Åtgärdsplan för klimatet", plan=plan, responsible_unit=unit
    )
    contact = Membership.objects.filter(organisation=organisation, is_active=True).order_by("pk").first()
    action = services.create_action(
        organisation=organisation,
        title="Laddinfrastruktur",
        action_plan=action_plan,
        responsible_unit=unit,
        contact_person=contact.user if contact else None,
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
        budget_sek=Decimal("1250000"),
        status=Action.Status.ONGOING,
        goals=plan.goals.all(),
        targets=Target.objects.filter(goal__plan=plan),
        indicators=[indicator],
    )
    author = contact.user if contact else UserFactory()
    services.post_progress(action, author=author, text="Tio laddplatser är på plats.", percent_complete=40)
    return action
