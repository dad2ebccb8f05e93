"""Factories for nonconformities (kept with the nonconformities tests)."""

from hallbar.accounts.models import Membership
from hallbar.nonconformities import services
from hallbar.nonconformities.models import Nonconformity, ReferenceCounter


def nonconformity(organisation, *, title="Läckande oljeavskiljare", **fields) -> Nonconformity:
    """A newly reported nonconformity registered through the service (reference number, timeline)."""
    fields.setdefault("origin", Nonconformity.Origin.INCIDENT)
    return services.create_nonconformity(Nonconformity(organisation=organisation, title=title, **fields))


def analysed(organisation, **fields) -> Nonconformity:
    """A reported nonconformity whose analysis is complete (not yet moved to "analysed")."""
    fields.setdefault("immediate_correction", "Absorberingsmedel utlagt, tillflödet stängt.")
    fields.setdefault("root_cause", "Ingen rutin för tömning av avskiljaren.")
    return nonconformity(organisation, **fields)


def nonconformity_for(organisation, unit=None) -> Nonconformity:
    """A nonconformity of ``unit`` with an owner, two whys and a stage change; reused when it exists."""
    existing = Nonconformity.objects.filter(organisation=organisation, title="Kemikalier utan säkerhetsdatablad")
    if existing.exists():
        return existing.get()
    owner = Membership.objects.filter(organisation=organisation, is_active=True).order_by("pk").first()
    item = analysed(
        organisation,
        title="Kemikalier utan säkerhetsdatablad",
        responsible_unit=unit,
        owner=owner.user if owner else None,
        severity=Nonconformity.Severity.MAJOR,
        analysis_method=Nonconformity.AnalysisMethod.FIVE_WHYS,
    )
    services.save_whys(item, ["Databladen saknades i pärmen.", "Ingen ansvarade för pärmen."])
    return item


def reference_counter_for(organisation) -> ReferenceCounter:
    nonconformity_for(organisation)
    return ReferenceCounter.objects.get(organisation=organisation)
