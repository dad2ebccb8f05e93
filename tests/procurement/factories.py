"""Factories for procurements and contract checks (kept with the procurement tests)."""

from datetime import date
from decimal import Decimal

import factory

from hallbar.procurement import services
from hallbar.procurement.models import ContractCheck, ContractedSupplier, CpvCode, Criterion, Procurement
from tests.factories import OrganisationFactory


class ProcurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procurement

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Upphandling {n}")
    year = 2025
    procedure = Procurement.Procedure.OPEN


class ContractCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractCheck

    procurement = factory.SubFactory(ProcurementFactory)
    requirement = factory.Sequence(lambda n: f"Krav {n}")
    method = ContractCheck.Method.DOCUMENT_CHECK
    due_date = date(2025, 10, 1)


def procurement_for(organisation, unit=None) -> Procurement:
    """A signed food contract of ``unit`` with CPV codes, two criteria and one planned check; reused."""
    procurement = Procurement.objects.filter(organisation=organisation, title="Livsmedel till skolor").first()
    if procurement is not None:
        return procurement
    procurement = services.save_procurement(
        Procurement(
            organisation=organisation,
            responsible_unit=unit,
            title="Livsmedel till skolor",
            year=2025,
            estimated_value_sek=Decimal("12000000"),
            contracted_value_sek=Decimal("11500000"),
            contract_start=date(2025, 3, 1),
            contract_end=date(2027, 2, 28),
        ),
        cpv_codes=CpvCode.objects.filter(code__in=["15000000", "15800000"]),
        criteria=Criterion.objects.filter(key__in=["food-organic", "labour-core-conventions"]),
    )
    services.change_status(procurement, Procurement.Status.CONTRACTED)
    services.save_check(
        ContractCheck(
            procurement=procurement,
            requirement="Andel ekologiska livsmedel",
            criterion=Criterion.objects.get(key="food-organic"),
            method=ContractCheck.Method.DOCUMENT_CHECK,
            due_date=date(2025, 9, 1),
        )
    )
    return procurement


def check_for(organisation, unit=None) -> ContractCheck:
    return procurement_for(organisation, unit).checks.first()


def supplier_for(organisation, unit=None) -> ContractedSupplier:
    """The contracted supplier of :func:`procurement_for`'s contract (reused)."""
    procurement = procurement_for(organisation, unit)
    supplier = procurement.suppliers.first()
    if supplier is None:
        supplier = services.save_supplier(
            ContractedSupplier(procurement=procurement, org_number="5560123456", name="Grossisten AB")
        )
    return supplier
