"""The demo's procurement register with contract follow-up, and the national comparison.

The register (``data/procurement.yaml``, illustrative) is written through
:mod:`hallbar.procurement.services`: each procurement is saved as planned and moved along its workflow,
its checks planned and their outcomes recorded; the one deviation raises a nonconformity, which is
analysed and given a corrective action like the management system's. The national statistics are a
per-buyer summary of Upphandlingsmyndigheten's real 2021 file (``data/README.md``), imported with the
app's own importer so that all buyers, all municipalities and Linköping's peers can be compared.
"""

from functools import cache

import yaml

from hallbar.history.context import acting_as
from hallbar.nonconformities.models import Nonconformity
from hallbar.procurement import national
from hallbar.procurement import services as procurement
from hallbar.procurement.models import (
    ContractCheck,
    ContractedSupplier,
    CpvCode,
    Criterion,
    NationalFigures,
    Procurement,
)

from .compliance import _analyse
from .follow_up import DATA
from .story import Demo, on

NATIONAL_FILE = "uhm_2021_procurements_by_buyer.csv.gz"
NATIONAL_YEAR = 2021


@cache
def content() -> dict:
    with open(DATA / "procurement.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def build_national_statistics() -> None:
    """Upphandlingsmyndigheten's 2021 figures for every buyer, unless that year is already loaded."""
    if not NationalFigures.objects.filter(year=NATIONAL_YEAR).exists():
        national.import_statistics(DATA / NATIONAL_FILE)


def _procurement(demo: Demo, spec: dict, suppliers: dict) -> Procurement:
    item = Procurement(
        organisation=demo.organisation,
        responsible_unit=demo.units[spec["unit"]],
        title=spec["title"],
        reference=spec["reference"],
        year=spec["year"],
        procedure=spec["procedure"],
        estimated_value_sek=spec.get("estimated"),
        contracted_value_sek=spec.get("contracted"),
        contract_start=spec.get("start"),
        contract_end=spec.get("end"),
        environmental_requirements=spec.get("environmental", False),
        social_requirements=spec.get("social", False),
        innovation=spec.get("innovation", False),
        description=spec.get("description", ""),
    )
    procurement.save_procurement(
        item,
        cpv_codes=CpvCode.objects.filter(code__in=spec["cpv"]),
        criteria=Criterion.objects.filter(key__in=spec["criteria"]),
    )
    for status in spec["status"]:
        procurement.change_status(item, status)
    _add_suppliers(item, [suppliers[key] for key in spec.get("suppliers", [])])
    return item


def _add_suppliers(item: Procurement, suppliers: list[dict]) -> None:
    """The contracted suppliers: the same organisation numbers as the ledger's invoices, so that the
    footprint shows how much of the spend sits in contracts with climate requirements."""
    for supplier in suppliers:
        procurement.save_supplier(
            ContractedSupplier(procurement=item, org_number=supplier["org_number"], name=supplier["name"])
        )


def _check(demo: Demo, item: Procurement, spec: dict) -> None:
    criterion = Criterion.objects.get(key=spec["criterion"]) if "criterion" in spec else None
    check = procurement.save_check(
        ContractCheck(
            procurement=item,
            criterion=criterion,
            requirement=spec["requirement"],
            method=spec["method"],
            due_date=spec["due"],
        )
    )
    if "outcome" not in spec:
        return
    user = demo.people["samordnare"]
    raised = procurement.record_outcome(
        check, outcome=spec["outcome"], checked_on=on(spec["checked_on"]), findings=spec["findings"], user=user
    )
    if raised is not None:
        _analyse(demo, raised, spec["nonconformity"], Nonconformity.AnalysisMethod.OTHER)


def build_procurement(demo: Demo, suppliers: dict) -> None:
    """The register once: nothing is added when the organisation has procurements already."""
    if Procurement.objects.filter(organisation=demo.organisation).exists():
        return
    with acting_as(demo.people["samordnare"]):
        for spec in content()["procurements"]:
            item = _procurement(demo, spec, suppliers)
            for check in spec.get("checks", []):
                _check(demo, item, check)
