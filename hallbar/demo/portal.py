"""Linköping's public portal: open, with CC BY 4.0 open data, a public contact and a filled-in
accessibility statement; the programme, all its goals, four indicators, the action plan, the climate figures
and the adopted climate budget published."""

from hallbar.actions.models import ActionPlan
from hallbar.climate.models import ClimateBudget
from hallbar.indicators.models import Indicator
from hallbar.plans.models import Plan
from hallbar.portal import services as portal
from hallbar.portal.models import PortalSettings

from .story import Demo, on


def build_portal(demo: Demo, spec: dict) -> None:
    """Once: nothing changes when the organisation has portal settings already."""
    if PortalSettings.objects.filter(organisation=demo.organisation).exists():
        return
    settings = portal.settings_for(demo.organisation)
    settings.is_enabled = True
    settings.licence = "cc-by-4.0"
    for name in ("contact_email", "compliance", "non_accessible_content", "report_problem", "assessment_method"):
        setattr(settings, name, spec[name])
    settings.assessed_on, settings.statement_updated_on = on(spec["assessed_on"]), on(spec["statement_updated_on"])
    portal.save_settings(settings)
    user = demo.people["samordnare"]
    records = [
        *Plan.objects.filter(organisation=demo.organisation),
        *demo.goals.values(),
        *Indicator.objects.filter(organisation=demo.organisation, title__in=spec["indicators"]),
        *ActionPlan.objects.filter(organisation=demo.organisation),
        demo.organisation,  # its climate figures
        *ClimateBudget.objects.filter(organisation=demo.organisation, status=ClimateBudget.Status.ADOPTED),
    ]
    for record in records:
        portal.publish(record, user=user)
