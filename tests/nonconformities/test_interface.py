"""The interface other apps use: raise_nonconformity, for_source and the for_source include."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.template import Context, Template
from django.utils import timezone, translation

from hallbar.nonconformities import queries, services
from hallbar.nonconformities.models import Nonconformity, Origin, Severity, Stage
from tests.factories import OrganisationFactory
from tests.indicators.factories import indicator_for


def test_raise_nonconformity_numbers_per_organisation_and_year(world_a, world_b):
    year = timezone.localdate().year
    first = services.raise_nonconformity(organisation=world_a.organisation, origin=Origin.COMPLAINT, title="Buller")
    second = services.raise_nonconformity(organisation=world_a.organisation, origin=Origin.INCIDENT, title="Spill")
    other = services.raise_nonconformity(organisation=world_b.organisation, origin=Origin.OTHER, title="Annat")
    assert (first.reference, second.reference) == (f"AV-{year}-001", f"AV-{year}-002")
    assert other.reference == f"AV-{year}-001"
    assert first.stage == Stage.REPORTED and first.severity == Severity.MINOR
    assert first.stage_changes.get().to_stage == Stage.REPORTED


def test_numbers_are_not_reused_after_a_delete(world_a):
    first = services.raise_nonconformity(organisation=world_a.organisation, origin=Origin.OTHER, title="Ett")
    services.delete_nonconformity(first)
    second = services.raise_nonconformity(organisation=world_a.organisation, origin=Origin.OTHER, title="Två")
    assert second.number == 2


def test_raise_is_idempotent_per_source_while_open(world_a):
    source = indicator_for(world_a.organisation, world_a.unit)
    raised = services.raise_nonconformity(
        organisation=world_a.organisation,
        origin=Origin.COMPLIANCE,
        title="Kravet uppfylls inte",
        source=source,
        responsible_unit=world_a.unit,
        severity=Severity.MAJOR,
        reported_by=world_a.user("auditor"),
    )
    again = services.raise_nonconformity(
        organisation=world_a.organisation, origin=Origin.COMPLIANCE, title="Igen", source=source
    )
    assert again.pk == raised.pk and again.title == "Kravet uppfylls inte"
    assert list(queries.for_source(source)) == [raised]
    assert raised.source == source and raised.reported_by == world_a.user("auditor")
    Nonconformity.objects.filter(pk=raised.pk).update(stage=Stage.CLOSED)
    new = services.raise_nonconformity(
        organisation=world_a.organisation, origin=Origin.COMPLIANCE, title="Ny", source=source
    )
    assert new.pk != raised.pk
    assert set(queries.for_source(source)) == {raised, new}


def test_raise_refuses_a_source_of_another_organisation(world_a, world_b):
    foreign = indicator_for(world_b.organisation, world_b.unit)
    with translation.override("en"), pytest.raises(ValidationError, match="same organisation"):
        services.raise_nonconformity(organisation=world_a.organisation, origin=Origin.AUDIT, title="X", source=foreign)
    assert not Nonconformity.objects.exists()


def test_raise_refuses_a_unit_of_another_organisation(world_a, world_b):
    with translation.override("en"), pytest.raises(ValidationError, match="same organisation"):
        services.raise_nonconformity(
            organisation=world_a.organisation, origin=Origin.AUDIT, title="X", responsible_unit=world_b.unit
        )


def test_for_source_include_lists_the_nonconformities(world_a):
    source = indicator_for(world_a.organisation, world_a.unit)
    template = Template('{% include "nonconformities/includes/for_source.html" with source=source %}')
    with translation.override("en"):
        assert "No nonconformity has been raised from this." in template.render(Context({"source": source}))
        raised = services.raise_nonconformity(
            organisation=world_a.organisation, origin=Origin.COMPLIANCE, title="Utsläpp över gränsvärdet", source=source
        )
        html = template.render(Context({"source": source}))
    assert raised.reference in html and "Utsläpp över gränsvärdet" in html and raised.get_absolute_url() in html
    assert "Reported" in html and "Minor" in html


@pytest.mark.django_db(transaction=True)
def test_reference_numbers_are_unique_when_raised_concurrently():
    organisation = OrganisationFactory()
    errors, barrier = [], threading.Barrier(4)

    def raise_one(index):
        try:
            barrier.wait()
            services.raise_nonconformity(organisation=organisation, origin=Origin.OTHER, title=f"Samtidig {index}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    threads = [threading.Thread(target=raise_one, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Nonconformity.objects.filter(organisation=organisation).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]
