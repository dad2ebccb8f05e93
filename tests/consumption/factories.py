"""Consumption footprint test data: ledgers written as CSV and imported through the real pipeline."""

from django.core.files.uploadedfile import SimpleUploadedFile

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.consumption import importing, services
from hallbar.consumption.models import AccountMapping, EmissionFactor, LedgerImport, OwnFactor, Recomputation

HEADER = "datum;enhet;konto;orgnr;leverantör;belopp;kvantitet;mängdenhet\n"


def ledger_csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode("utf-8")


def coordinator_of(organisation):
    membership = Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR).first()
    return membership.user if membership else None


def import_ledger(organisation, data: bytes, name: str = "reskontra.csv", user=None) -> LedgerImport:
    """Upload and run (the immediate task backend runs it on commit; tests call run_import themselves)."""
    job = importing.start_import(
        organisation=organisation,
        user=user or coordinator_of(organisation),
        upload=SimpleUploadedFile(name, data, content_type="text/csv"),
    )
    return importing.run_import(job)


def imported_for(organisation, unit) -> LedgerImport:
    """A finished import of the organisation (reused): fuel, food and an unmapped account."""
    job = LedgerImport.objects.filter(organisation=organisation, status=LedgerImport.Status.DONE).first()
    if job is not None:
        return job
    data = ledger_csv(
        f"2024-01-10;{unit.name};7511;5560000001;Bensinbolaget AB;10000;800;litres",
        f"2024-02-11;{unit.name};7211;5560000002;Charkuteriet AB;20000;;",
        f"2024-03-12;{unit.name};7211;5560000002;Charkuteriet AB;-5000;;",
        f"2024-03-12;{unit.name};9999;5560000003;Okänd AB;3000;;",
    )
    return import_ledger(organisation, data, name=f"ledger-{organisation.pk}.csv")


def mapping_for(organisation) -> AccountMapping:
    services.install_default_mappings(organisation)
    return AccountMapping.objects.filter(organisation=organisation).order_by("pk").first()


def consumption_settings_for(organisation):
    return services.settings_for(organisation)


def own_factor_for(organisation) -> OwnFactor:
    """The organisation's own diesel factor (reused)."""
    factor = OwnFactor.objects.filter(organisation=organisation).first()
    if factor is None:
        factor = services.save_own_factor(
            OwnFactor(
                organisation=organisation,
                replaces=EmissionFactor.objects.get(code="diesel-litres"),
                name="HVO100, Drivmedelsbolaget",
                kg_co2e_per_unit=0.5,
                source="Drivmedelsbolaget, hållbarhetsbesked 2024",
                year=2024,
            )
        )
    return factor


def recomputation_for(organisation) -> Recomputation:
    """A finished recomputation of the organisation (reused)."""
    job = Recomputation.objects.filter(organisation=organisation).first()
    return job or Recomputation.objects.create(
        organisation=organisation, status=Recomputation.Status.DONE, total_count=3
    )
