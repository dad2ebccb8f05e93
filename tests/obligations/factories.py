"""Factories for compliance obligations and evaluations (kept with the obligations tests)."""

from datetime import timedelta

import factory
from django.utils import timezone

from hallbar.accounts.models import Membership
from hallbar.obligations import services
from hallbar.obligations.models import Evaluation, Obligation
from tests.factories import OrganisationFactory, UserFactory


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Obligation.Kind.LAW
    reference = factory.Sequence(lambda n: f"SFS 1998:{800 + n}")
    title = factory.Sequence(lambda n: f"Krav {n}")
    summary = "Vi ska hålla koll på verksamhetens påverkan."
    next_evaluation_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=180))


class EvaluationFactory(factory.django.DjangoModelFactory):
    """A stored evaluation without the service's effects (use services.record_evaluation for those)."""

    class Meta:
        model = Evaluation

    obligation = factory.SubFactory(ObligationFactory)
    evaluator = factory.SubFactory(UserFactory)
    result = Evaluation.Result.MET
    date = factory.LazyFunction(timezone.localdate)
    next_evaluation_date = factory.LazyAttribute(lambda evaluation: evaluation.date + timedelta(days=365))


def obligation_for(organisation, unit=None) -> Obligation:
    """An obligation (responsible ``unit``, applying to it) with a responsible person (the first
    member) and one partly met evaluation recorded through the services; reused when it exists."""
    obligation = Obligation.objects.filter(organisation=organisation, title="Egenkontroll enligt miljöbalken").first()
    if obligation is not None:
        return obligation
    person = Membership.objects.filter(organisation=organisation, is_active=True).order_by("pk").first().user
    obligation = services.create_obligation(
        organisation=organisation,
        title="Egenkontroll enligt miljöbalken",
        kind=Obligation.Kind.LAW,
        reference="SFS 1998:808 Miljöbalken 26 kap. 19 §",
        url="https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/miljobalk-1998808_sfs-1998-808/",
        summary="Vi ska planera och kontrollera verksamheten för att motverka olägenheter för miljön.",
        responsible_unit=unit,
        responsible_person=person,
        applies_to_units=[unit] if unit else [],
    )
    services.record_evaluation(
        obligation,
        evaluator=person,
        result=Evaluation.Result.PARTLY,
        date=timezone.localdate() - timedelta(days=30),
        findings="Rutinen för kemikalieförteckningen saknas på två av tre platser.",
    )
    return obligation
