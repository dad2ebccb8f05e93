"""Factories for management reviews and decisions (kept with the reviews tests)."""

from datetime import timedelta

import factory
from django.utils import timezone

from hallbar.accounts.models import Membership
from hallbar.plans.models import Plan
from hallbar.reviews import services
from hallbar.reviews.models import Decision, ManagementReview
from tests.factories import OrganisationFactory


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review stored without assembling its inputs (use ``services.start_review`` for those)."""

    class Meta:
        model = ManagementReview

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Ledningens genomgång {n}")
    date = factory.LazyFunction(timezone.localdate)
    period_start = factory.LazyAttribute(lambda review: review.date - timedelta(days=364))
    period_end = factory.LazyAttribute(lambda review: review.date)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    review = factory.SubFactory(ReviewFactory)
    kind = Decision.Kind.IMPROVEMENT
    text = "Utbilda alla chefer i miljöledning under året."


def coordinator_of(organisation):
    """An organisation-wide member who may change data (the coordinator when there is one)."""
    memberships = Membership.objects.filter(organisation=organisation, is_active=True, unit__isnull=True)
    membership = memberships.filter(role="coordinator").first() or memberships.order_by("pk").first()
    return membership.user


def management_review_for(organisation, unit=None) -> ManagementReview:
    """A review in preparation, started today through the service over an organisation with data in
    every area (actions, context, obligations, aspects, risks, an adopted plan, audits, nonconformities,
    maturity of the whole organisation), with an earlier review whose action is still open, and one
    decision; reused when it exists."""
    from tests.actions.factories import action_for
    from tests.aspects.factories import aspect_for
    from tests.audits.factories import audit_for
    from tests.context.factories import party_for, scan_item_for, scope_draft_for
    from tests.maturity.factories import EARLIER_STAGES, LATER_STAGES, assessment_for, completed
    from tests.nonconformities.factories import nonconformity_for
    from tests.obligations.factories import obligation_for
    from tests.risks.factories import risk_for

    existing = ManagementReview.objects.filter(organisation=organisation, title="Ledningens genomgång 2026").first()
    if existing is not None:
        return existing
    for build in (
        action_for,
        party_for,
        scan_item_for,
        scope_draft_for,
        aspect_for,
        obligation_for,
        risk_for,
        audit_for,
        nonconformity_for,
        assessment_for,
    ):
        build(organisation, unit)
    today = timezone.localdate()
    Plan.objects.filter(organisation=organisation).update(status=Plan.Status.ADOPTED)
    completed(organisation, year=today.year - 2, stages=EARLIER_STAGES)
    completed(organisation, year=today.year - 1, stages=LATER_STAGES)
    user = coordinator_of(organisation)
    earlier = services.start_review(
        organisation=organisation, user=user, title="Ledningens genomgång 2025", date=today - timedelta(days=365)
    )
    services.add_action(earlier, title="Ta fram en kemikalieplan", responsible_unit=unit, end_date=today)
    review = services.start_review(
        organisation=organisation,
        user=user,
        title="Ledningens genomgång 2026",
        date=today,
        participants="Kommundirektör, förvaltningschefer, miljöstrateg",
        resources_notes="Miljöstrategen är ensam; en halvtidstjänst till behövs.",
    )
    services.add_decision(review, kind=Decision.Kind.RESOURCES, text="Förstärk miljöstrategfunktionen med 50 %.")
    return review
