import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.actions.models import Action
from hallbar.chemicals import services
from hallbar.chemicals.models import PhaseOutSubstance
from hallbar.core.deletion import DeletionRefused

from .factories import D4_SILOXANE, PhaseOutSubstanceFactory, article, screening_for


def entry(world, **fields):
    values = {"name": "Kadmium", "cas_number": "7440-43-9", "ec_number": "", "reason": "Beslut 2026"}
    return PhaseOutSubstance(organisation=world.organisation, **{**values, **fields})


def test_a_phase_out_entry_needs_a_valid_number(world_a):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_phase_out_substance(entry(world_a, cas_number="", ec_number=""))
    assert refused.value.message_dict["cas_number"] == ["Give a CAS number, an EC number or both."]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_phase_out_substance(entry(world_a, cas_number="7440-43-8", ec_number="231-152-9"))
    assert "7440-43-8 is not a valid CAS number" in refused.value.message_dict["cas_number"][0]
    assert "231-152-9 is not a valid EC number" in refused.value.message_dict["ec_number"][0]
    assert services.save_phase_out_substance(entry(world_a, ec_number="231-152-8")).pk


def test_the_same_number_twice_in_a_list_is_refused(world_a, world_b):
    PhaseOutSubstanceFactory(organisation=world_a.organisation, name="Kadmium", cas_number="7440-43-9")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_phase_out_substance(entry(world_a, name="Kadmium igen"))
    assert refused.value.message_dict["cas_number"] == ["7440-43-9 is already on the phase-out list as “Kadmium”."]
    assert services.save_phase_out_substance(entry(world_b)).pk  # another organisation's list


def test_matching_by_cas_and_by_ec_against_both_lists(world_a, world_b):
    PhaseOutSubstanceFactory(organisation=world_a.organisation, name="Vatten", cas_number="", ec_number="231-791-2")
    PhaseOutSubstanceFactory(organisation=world_b.organisation, name="B:s ämne", cas_number="50-00-0")
    screening = services.create_screening(
        organisation=world_a.organisation,
        unit=world_a.unit,
        title="Lista",
        articles=[
            article(2, "EC-träff", ec=[D4_SILOXANE["ec"]]),
            article(3, "Dubbel", cas=[D4_SILOXANE["cas"]], ec=["231-791-2"]),
            article(4, "B:s ämne", cas=["50-00-0"]),
        ],
    )
    found = {a.name: sorted((m.source, m.kind) for m in a.matches.all()) for a in screening.articles.all()}
    assert found == {
        "EC-träff": [("candidate", "ec")],
        "Dubbel": [("candidate", "cas"), ("phase_out", "ec")],
        "B:s ämne": [],  # another organisation's phase-out list does not count
    }
    assert screening.flagged_count == 2


def test_phase_out_actions_only_for_flagged_articles(world_a):
    screening = screening_for(world_a.organisation, world_a.unit)
    flagged = screening.articles.get(is_flagged=True)
    with translation.override("en"):
        action = services.plan_phase_out(flagged)
    assert action.reason == flagged and action.responsible_unit == world_a.unit
    assert action.title == "Phase out Fogmassa"
    with translation.override("en"), pytest.raises(ValidationError, match="Only an article with matches"):
        services.plan_phase_out(screening.articles.get(name="Tvål"))


def test_a_screening_with_phase_out_actions_cannot_be_deleted(world_a):
    screening = screening_for(world_a.organisation, world_a.unit)
    action = services.plan_phase_out(screening.articles.get(is_flagged=True), title="Byt fogmassa")
    with translation.override("en"), pytest.raises(DeletionRefused) as refused:
        services.delete_screening(screening)
    assert refused.value.message == "Artiklar 2026.xlsx cannot be deleted: 1 phase-out actions refer to its articles."
    action.delete()
    services.delete_screening(screening)
    assert not Action.objects.exists()
