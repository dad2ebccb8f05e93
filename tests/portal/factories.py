"""Factories for the public portal (kept with the portal tests)."""

from hallbar.portal import services
from hallbar.portal.models import PortalSettings


def portal_on(organisation, **fields):
    """The organisation's portal, open (created or updated)."""
    settings, _created = PortalSettings.objects.update_or_create(
        organisation=organisation, defaults={"is_enabled": True, **fields}
    )
    return organisation


def published(obj, user=None):
    """``obj`` published on its organisation's portal, the portal opened; returns ``obj``."""
    publication = services.publish(obj, user=user)
    portal_on(publication.organisation)
    return obj


def climate_published(organisation, municipality_code="0580"):
    """The organisation's climate figures published (placed in Linköping when it has no area yet)."""
    from hallbar.organisations.models import Municipality

    if not (organisation.municipality_id or organisation.county_id):
        organisation.municipality = Municipality.objects.get(code=municipality_code)
        organisation.save()
    return published(organisation)


def adopted_budget_for(organisation, unit):
    """An adopted climate budget of the organisation with one measure of ``unit``, published (reused).

    The draft of ``climate_budget_for`` is made first: it has the later budget year, so that helper keeps
    returning the draft and pages walked with it still see a draft."""
    from hallbar.climate import budget_services
    from hallbar.climate.models import BudgetMethod, ClimateBudget, Measure, Sector
    from tests.climate.factories import climate_budget_for

    budget = ClimateBudget.objects.filter(organisation=organisation, status=ClimateBudget.Status.ADOPTED).first()
    if budget is None:
        climate_budget_for(organisation, unit)
        climate_published(organisation)
        method = BudgetMethod.objects.filter(organisation=None).order_by("pk").first()
        budget = ClimateBudget.objects.create(
            organisation=organisation, title="Antagen klimatbudget 2025", budget_year=2025, method=method
        )
        Measure.objects.create(
            budget=budget, unit=unit, title="Laddstolpar", sector=Sector.TRANSPORT, effect_t=20, start_year=2025
        )
        budget = budget_services.adopt(budget, user=None)
    return published(budget)
