"""The article list through the shared import pipeline: row errors in the reader's language (CAS and EC
check digits, units the user may not change), nothing stored on errors, one screening per unit."""

import pytest
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.chemicals.imports import SPEC_KEY
from hallbar.chemicals.models import Screening
from hallbar.imports import services
from hallbar.imports.messages import render_errors
from hallbar.imports.models import ImportJob
from hallbar.imports.registry import get_spec

from .factories import D4_SILOXANE, WATER, PhaseOutSubstanceFactory

HEADER = "Enhet;Artikel;Leverantör;CAS-nummer;EG-nummer;Mängd;Enhet för mängd\n"


@pytest.fixture
def upload(world_a):
    def make(content, role=Role.COORDINATOR, filename="artiklar.csv"):
        user = world_a.user(role)
        return services.create_job(
            spec=get_spec(SPEC_KEY),
            organisation=world_a.organisation,
            user=user,
            scope=Scope(user, world_a.organisation),
            filename=filename,
            data=content.encode(),
        )

    return make


def messages_of(job) -> list[str]:
    with translation.override("en"):
        return [error["message"] for error in render_errors(job.spec, job.errors)]


def test_a_list_is_screened_per_unit(world_a, upload):
    PhaseOutSubstanceFactory(organisation=world_a.organisation, name="Kadmium", cas_number="7440-43-9")
    unit, other = world_a.unit.name, world_a.sibling.name
    content = HEADER + (
        f"{unit};Fogmassa;Bygg AB;{D4_SILOXANE['cas']}, {WATER['cas']};;12,5;kg\n"
        f"{unit};Batteri;El AB;7440-43-9;;3;st\n"
        f"{other};Tvål;Städ AB;;{WATER['ec']};;\n"
        f"{other};Papper;Papper AB;;;100;ark\n"
    )
    job = upload(content)
    assert job.errors == []
    services.commit(job, Scope(world_a.user(Role.COORDINATOR), world_a.organisation))
    first = Screening.objects.get(unit=world_a.unit)
    assert (first.article_count, first.flagged_count, first.unidentified_count) == (2, 2, 0)
    assert first.title == "artiklar.csv" and first.candidate_list is not None
    sealant = first.articles.get(name="Fogmassa")
    assert sealant.cas_numbers == f"{D4_SILOXANE['cas']}, {WATER['cas']}" and str(sealant.quantity) == "12.500"
    assert [(m.source, m.identifier) for m in sealant.matches.all()] == [("candidate", D4_SILOXANE["cas"])]
    battery = first.articles.get(name="Batteri").matches.get()
    assert (battery.source, battery.substance_name) == ("phase_out", "Kadmium")
    second = Screening.objects.get(unit=world_a.sibling)
    assert (second.article_count, second.flagged_count, second.unidentified_count) == (2, 0, 1)


def test_wrong_numbers_are_row_errors_and_nothing_is_stored(world_a, upload):
    unit = world_a.unit.name
    content = HEADER + (
        f'{unit};Fogmassa;;"7732-18-4; 50-00-0";;;\n'
        f"{unit};Tvål;;;231-791-3;tolv;st\n"
        f"{unit};Lim;;7732185;;;\n"
        "Finns inte;Papper;;;;;\n"
    )
    job = upload(content)
    assert messages_of(job) == [
        "row 2, CAS numbers: the check digit of CAS number '7732-18-4' is wrong (it should be 5)",
        "row 3, EC numbers: the check digit of EC number '231-791-3' is wrong (it should be 2)",
        "row 3, Quantity: the value 'tolv' is not a number",
        "row 4, CAS numbers: '7732185' is not a CAS number; write it as 7732-18-5",
        "row 5, Unit: 'Finns inte' does not exist in your organisation",
    ]
    with pytest.raises(services.ImportRejected):
        services.commit(job, Scope(world_a.user(Role.COORDINATOR), world_a.organisation))
    assert not Screening.objects.exists()
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.FAILED


def test_editors_screen_only_their_units(world_a, upload):
    content = HEADER + f"{world_a.unit.name};Tvål;;;;;\n{world_a.sibling.name};Papper;;;;;\n"
    job = upload(content, role=Role.EDITOR)  # editor of the administration, not of the sibling
    assert messages_of(job) == [f"row 3, Unit: you may not change data for '{world_a.sibling.name}'"]
