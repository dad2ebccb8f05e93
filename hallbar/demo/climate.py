"""The demo's climate budget: Linköping's ceilings on its reduction path, the sector responsibilities of
its committees and companies, five reduction measures (two with actions), adopted, with the effects
reported for the budget year. Content in ``data/climate_budget.yaml``; the status page needs no demo data
(it reads the shipped SMHI releases)."""

import yaml

from hallbar.climate import budget_services, queries
from hallbar.climate.models import ClimateBudget, Measure, SectorResponsibility
from hallbar.organisations.models import Organisation, OrganisationUnit

from .follow_up import DATA


def build_climate_budget(organisation: Organisation, people: dict) -> None:
    content = yaml.safe_load((DATA / "climate_budget.yaml").read_text(encoding="utf-8"))
    if ClimateBudget.objects.filter(organisation=organisation, budget_year=content["budget_year"]).exists():
        return
    units = {unit.name: unit for unit in OrganisationUnit.objects.filter(organisation=organisation)}
    budget = budget_services.save_budget(
        ClimateBudget(
            organisation=organisation,
            title=content["title"],
            budget_year=content["budget_year"],
            plan_years=content["plan_years"],
            method=queries.method_for(organisation),
            note=content["note"],
        )
    )
    for sector, shares in content["responsibilities"].items():
        for unit_name, share in shares:
            budget_services.save_responsibility(
                SectorResponsibility(budget=budget, sector=sector, unit=units[unit_name], share_percent=share)
            )
    measures = []
    for entry in content["measures"]:
        fields = {key: entry[key] for key in entry if key not in {"unit", "action", "reported"}}
        measure = budget_services.save_measure(Measure(budget=budget, unit=units[entry["unit"]], **fields))
        if "action" in entry:
            budget_services.add_action(measure, title=entry["action"], contact_person=people["samordnare"])
        measures.append((measure, entry.get("reported", {})))
    budget_services.adopt(budget, user=people["kommundirektor"])
    for measure, reported in measures:
        for year, effect in reported.items():
            budget_services.record_effect(measure, year=year, effect_t=effect)
