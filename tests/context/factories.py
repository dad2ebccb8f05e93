"""Factories for interested parties, scan items and scope versions (kept with the context tests)."""

from datetime import date

import factory

from hallbar.context import services
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from tests.factories import OrganisationFactory


class InterestedPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestedParty

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Intressent {n}")
    category = InterestedParty.Category.RESIDENTS
    needs = "Ren luft och trygga cykelvägar."
    relevance = InterestedParty.Relevance.MEDIUM


class ScanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScanItem

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Omvärldsfaktor {n}")
    category = ScanItem.Category.ENVIRONMENTAL
    impact = ScanItem.Impact.NEGATIVE
    time_horizon = ScanItem.Horizon.MEDIUM
    noted_on = date(2025, 3, 1)


def version(organisation, *, approved_on=None, approved_by="", units=(), **fields) -> ScopeStatement:
    """Write a scope version through the service (approved when ``approved_on`` is given)."""
    if approved_on is not None and not approved_by:
        approved_by = "Kommunstyrelsen"
    statement = ScopeStatement(
        organisation=organisation,
        text=fields.pop("text", "Kommunens egen verksamhet."),
        valid_from=fields.pop("valid_from", date(2025, 1, 1)),
        approved_by=approved_by,
        approved_on=approved_on,
        **fields,
    )
    return services.save_scope_statement(statement, units=units)


def party_for(organisation, unit=None) -> InterestedParty:
    """A highly relevant interested party whose needs become an obligation; reused when it exists."""
    party = InterestedParty.objects.filter(organisation=organisation, name="Boende i centrum").first()
    return party or services.save_party(
        InterestedPartyFactory.build(
            organisation=organisation,
            name="Boende i centrum",
            relevance=InterestedParty.Relevance.HIGH,
            is_compliance_obligation=True,
            obligation_note="Miljökvalitetsnormer för luft.",
            responsible_unit=unit,
            last_reviewed_on=date(2025, 2, 1),
        )
    )


def scan_item_for(organisation, unit=None) -> ScanItem:
    """An active scan item linked to the plan tree's goal, with a source address; reused when it exists."""
    from tests.plans.factories import plan_tree_for

    item = ScanItem.objects.filter(organisation=organisation, title="Skyfall blir vanligare").first()
    if item is not None:
        return item
    plan = plan_tree_for(organisation, unit)
    item = ScanItemFactory.build(
        organisation=organisation,
        title="Skyfall blir vanligare",
        description="Kraftigare nederbörd belastar dagvattensystemet.",
        trend=ScanItem.Trend.GROWING,
        impact_size=ScanItem.Size.LARGE,
        time_horizon=ScanItem.Horizon.LONG,
        source="SMHI klimatscenarier",
        source_url="https://www.smhi.se/klimat",
        responsible_unit=unit,
    )
    return services.save_scan_item(item, goals=plan.goals.all())


def scope_draft_for(organisation, unit=None) -> ScopeStatement:
    """Version 1 approved and version 2 a draft (including ``unit``); returns the draft, reused when it exists."""
    draft = ScopeStatement.objects.filter(organisation=organisation, approved_on__isnull=True).first()
    if draft is not None:
        return draft
    units = [unit] if unit is not None else []
    version(organisation, approved_on=date(2025, 1, 15), units=units, boundaries="Alla förvaltningar.")
    return version(organisation, text="Kommunen och dess bolag.", valid_from=date(2026, 1, 1), units=units)
