"""The demo's toxic-free screening: the organisation's phase-out list, one preschool article list screened
against the shipped Candidate List and that list, and a phase-out plan whose items are actions.

Content in ``data/chemicals.yaml`` and ``data/preschool_articles.csv`` (illustrative; real CAS and EC
numbers). Written through :mod:`hallbar.chemicals.services`, the service the article-list import commits
through, so the matching rules are the app's own.
"""

import csv
from decimal import Decimal
from functools import cache, partial

import yaml

from hallbar.chemicals import identifiers
from hallbar.chemicals import services as chemicals
from hallbar.chemicals.models import PhaseOutSubstance, Screening
from hallbar.history.context import acting_as

from .follow_up import DATA
from .story import Demo, follow_up_action


@cache
def content() -> dict:
    with open(DATA / "chemicals.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def articles() -> list[dict]:
    """The article list as the import hands it to the service (row 1 is the header)."""
    with open(DATA / "preschool_articles.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return [
        {
            "row": number,
            "unit": row["unit"],
            "name": row["article"],
            "supplier": row["supplier"],
            "cas_numbers": identifiers.split(row["cas_numbers"]),
            "ec_numbers": identifiers.split(row["ec_numbers"]),
            "quantity": Decimal(row["quantity"]) if row["quantity"] else None,
            "quantity_unit": row["quantity_unit"],
        }
        for number, row in enumerate(rows, start=2)
    ]


def build_chemicals(demo: Demo) -> None:
    """Once: nothing is added when the organisation has a screening already."""
    if Screening.objects.filter(organisation=demo.organisation).exists():
        return
    data = content()
    for entry in data["phase_out"]:
        chemicals.save_phase_out_substance(
            PhaseOutSubstance(
                organisation=demo.organisation,
                name=entry["name"],
                cas_number=entry["cas"],
                ec_number=entry["ec"],
                reason=entry["reason"],
            )
        )
    spec = data["screening"]
    unit = demo.units[spec["unit"]]
    listed = [article for article in articles() if article["unit"] == unit.name]
    with acting_as(demo.people[spec["screened_by"]]):
        screening = chemicals.create_screening(
            organisation=demo.organisation,
            unit=unit,
            title=spec["title"],
            articles=listed,
            user=demo.people[spec["screened_by"]],
        )
    by_name = {article.name: article for article in screening.articles.all()}
    for item in data["plan"]:
        item = {"unit": unit.name, **item}
        follow_up_action(demo, partial(chemicals.plan_phase_out, by_name[item["article"]]), item)
