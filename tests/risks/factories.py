"""Factories for risks and risk matrices (kept with the risks tests)."""

from datetime import date

import factory

from hallbar.accounts.models import Membership
from hallbar.actions.models import Action
from hallbar.risks import services
from hallbar.risks.models import Risk, RiskMatrix
from tests.factories import OrganisationFactory


class RiskMatrixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskMatrix
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)


class RiskFactory(factory.django.DjangoModelFactory):
    """A risk assessed through the services (scores and levels computed from the organisation's matrix)."""

    class Meta:
        model = Risk

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")
    kind = Risk.Kind.RISK
    category = Risk.Category.ENVIRONMENTAL
    inherent_likelihood = 3
    inherent_consequence = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status", Risk.Status.OPEN)
        risk = services.save_risk(model_class(*args, **kwargs))
        if status != risk.status:  # a test's starting point, not a workflow step
            Risk.objects.filter(pk=risk.pk).update(status=status)
            risk.status = status
        return risk


def risk_for(organisation, unit=None) -> Risk:
    """A reduced risk of ``unit`` with an owner, assessed before and after treatment, and one action
    treating it; reused when it exists."""
    risk = Risk.objects.filter(organisation=organisation, title="Skyfall översvämmar Centrumtunneln").first()
    if risk is not None:
        return risk
    owner = Membership.objects.filter(organisation=organisation, is_active=True).order_by("pk").first()
    risk = services.create_risk(
        organisation=organisation,
        title="Skyfall översvämmar Centrumtunneln",
        description="Kraftiga skyfall kan fylla tunneln med vatten.",
        cause="Dagvattensystemet är dimensionerat för dagens regnmängder.",
        effect="Trafiken stoppas och fordon kan skadas.",
        category=Risk.Category.ENVIRONMENTAL,
        responsible_unit=unit,
        owner=owner.user if owner else None,
        inherent_likelihood=4,
        inherent_consequence=4,
        treatment_strategy=Risk.Strategy.REDUCE,
        residual_likelihood=2,
        residual_consequence=4,
        review_date=date(2026, 6, 30),
    )
    services.add_action(risk, title="Bygg fördröjningsmagasin", responsible_unit=unit, status=Action.Status.ONGOING)
    return risk
