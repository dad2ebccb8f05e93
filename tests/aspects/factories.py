"""Factories for the aspects register (kept with the aspects tests)."""

import factory

from hallbar.accounts.models import Membership
from hallbar.aspects import services
from hallbar.aspects.models import Activity, Aspect, AspectReview, AspectSettings, SignificanceCriterion
from tests.factories import OrganisationFactory, UserFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Verksamhet {n}")
    kind = Activity.Kind.ACTIVITY


class AspectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aspect

    activity = factory.SubFactory(ActivityFactory)
    name = factory.Sequence(lambda n: f"Miljöaspekt {n}")
    impact = "Klimatförändringar"
    dimension = Aspect.Dimension.ENVIRONMENTAL
    influence = Aspect.Influence.DIRECT


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignificanceCriterion

    organisation = factory.SubFactory(OrganisationFactory)
    name_sv = factory.Sequence(lambda n: f"Kriterium {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    order = factory.Sequence(lambda n: n)


class AspectSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AspectSettings
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)
    method = "sum"
    threshold = 15
    review_interval_months = 12


class AspectReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AspectReview

    organisation = factory.SubFactory(OrganisationFactory)
    reviewed_by = factory.SubFactory(UserFactory)
    notes = "Registret gicks igenom på ledningsgruppen."


def score_all(aspect, value: int, user=None, rationale="Bedömt i arbetsgruppen."):
    """Score every active criterion of the aspect's organisation with ``value``."""
    services.ensure_settings(aspect.activity.organisation)
    criteria = services.active_criteria(aspect.activity.organisation)
    user = user or UserFactory()
    return services.score_aspect(aspect, {c.pk: value for c in criteria}, rationale=rationale, user=user)


def aspect_for(organisation, unit=None) -> Aspect:
    """An activity of ``unit`` with a scored, significant aspect handled by the plan tree's goal, the
    default criteria and settings, and a review of the whole organisation; reused when it exists."""
    from tests.plans.factories import plan_tree_for

    aspect = Aspect.objects.filter(activity__organisation=organisation, name="Energianvändning i byggnader").first()
    if aspect is not None:
        return aspect
    services.ensure_settings(organisation)
    plan = plan_tree_for(organisation, unit)
    activity = ActivityFactory(organisation=organisation, unit=unit, name="Fastighetsförvaltning")
    aspect = services.save_aspect(
        Aspect(
            activity=activity,
            name="Energianvändning i byggnader",
            impact="Klimatförändringar",
            influence=Aspect.Influence.INDIRECT,
            channel=Aspect.Channel.PROCUREMENT,
            occurs_abroad=True,
        ),
        goals=plan.goals.all(),
    )
    member = Membership.objects.filter(organisation=organisation, is_active=True).order_by("pk").first()
    user = member.user if member else UserFactory()
    score_all(aspect, 4, user=user)
    AspectReviewFactory(organisation=organisation, reviewed_by=user)
    aspect.refresh_from_db()
    return aspect


def review_for(organisation, unit=None) -> AspectReview:
    """The review recorded with :func:`aspect_for`."""
    aspect_for(organisation, unit)
    return AspectReview.objects.filter(organisation=organisation).first()
