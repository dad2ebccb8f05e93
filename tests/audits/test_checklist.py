"""The checklist: generated from the clauses in the active language, kept in step with the scope,
free questions, and what cannot be taken away once answered."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.audits import services
from hallbar.audits.models import ChecklistItem
from hallbar.core.deletion import DeletionRefused, guarded_delete
from tests.factories import UnitFactory

from .factories import EMAS, SDG, FindingFactory, clauses


def plan(programme, *, units=(), refs=("5.2",), **fields):
    return services.create_audit(
        programme=programme,
        title="Revision av miljöpolicyn",
        planned_start=date(2026, 9, 1),
        units=units,
        clauses=clauses(*refs),
        **fields,
    )


def test_one_question_per_clause_in_the_active_language(programme, world_a):
    with translation.override("sv"):
        swedish = plan(programme, units=[world_a.unit]).checklist.get()
    assert "5.2 Miljöpolicy" in swedish.question
    assert "En policy anpassad till verksamheten med åtaganden om att skydda miljön" in swedish.question
    with translation.override("en"):
        english = plan(programme).checklist.get()
    assert english.question == (
        "How does the organisation ensure that the requirements of 5.2 Environmental policy are met? In short: A "
        "policy suited to the organisation with commitments to protect the environment, meet obligations and improve."
    )
    assert (english.clause.ref, english.conclusion, english.order) == ("5.2", ChecklistItem.Conclusion.NOT_CHECKED, 1)


def test_questions_follow_the_standards_then_the_clause_order_then_free_questions(programme):
    audit = plan(programme, refs=("9.2", "4.1"))
    services.add_question(audit, "Hur fungerar samarbetet med fastighetsavdelningen?")
    services.save_audit(audit, clauses=[*clauses("9.2", "4.1", "6.2"), *clauses("i.4", library=EMAS)])
    items = list(audit.checklist.select_related("clause"))
    assert [item.clause.ref if item.clause else "free" for item in items] == ["4.1", "6.2", "9.2", "I.4", "free"]
    assert [item.order for item in items] == [1, 2, 3, 4, 5]


def test_removing_a_clause_removes_its_unanswered_question_only(programme, auditor):
    audit = plan(programme, refs=("5.2", "6.2", "7.2"), lead_auditor=auditor)
    answered = audit.checklist.get(clause__ref="6.2")
    answered.answer = "Målen är beslutade."
    services.save_checklist_item(answered)
    services.save_audit(audit, clauses=clauses("6.2", "7.2"))
    assert sorted(audit.checklist.values_list("clause__ref", flat=True)) == ["6.2", "7.2"]
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.save_audit(audit, clauses=clauses("7.2"))
    with translation.override("en"):
        name = str(answered.clause)
    assert refusal.value.message_dict["clauses"] == [
        "These clauses cannot be taken out of the scope: their questions have been answered or findings refer to "
        f"them: {name}."
    ]
    assert audit.clauses.count() == 2


def test_clauses_referred_to_by_findings_and_units_of_findings_stay_in_scope(programme, world_a):
    audit = plan(programme, units=[world_a.administration], refs=("5.2", "7.2"))
    FindingFactory(audit=audit, clause=clauses("7.2")[0], unit=world_a.unit)
    with pytest.raises(ValidationError) as refusal:
        services.save_audit(audit, clauses=clauses("5.2"), units=[world_a.sibling])
    assert set(refusal.value.message_dict) == {"clauses", "units"}
    services.save_audit(audit, clauses=clauses("7.2"), units=[world_a.unit])


def test_units_of_another_organisation_and_clauses_of_other_libraries_are_refused(programme, world_b):
    audit = plan(programme)
    sdg = clauses("13.2", library=SDG)
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.save_audit(audit, units=[world_b.unit], clauses=sdg)
    with translation.override("en"):
        name = str(sdg[0])
    assert refusal.value.message_dict == {
        "units": ["These units belong to another organisation: B enhet."],
        "clauses": [f"Only clauses of ISO 14001, EMAS and SS 854000 can be audited, not: {name}."],
    }
    assert list(audit.clauses.values_list("ref", flat=True)) == ["5.2"]


def test_free_questions_are_added_and_deleted_generated_ones_are_not(programme):
    audit = plan(programme)
    free = services.add_question(audit, "Vem ansvarar för miljöronderna?")
    assert (free.order, free.is_free) == (2, True)
    generated = audit.checklist.get(clause__isnull=False)
    with translation.override("en"), pytest.raises(DeletionRefused, match="taken out of the audit's scope"):
        services.delete(generated)
    services.delete(free)
    assert audit.checklist.count() == 1


def test_save_checklist_writes_answers_and_conclusions_together(programme):
    audit = plan(programme)
    item = audit.checklist.get()
    item.question, item.answer, item.conclusion = "Egen formulering?", "Policyn är antagen.", "conforms"
    services.save_checklist(audit, [item], conclusions="Bra.")
    item.refresh_from_db()
    audit.refresh_from_db()
    assert (item.question, item.conclusion, audit.conclusions) == ("Egen formulering?", "conforms", "Bra.")
    other = plan(programme).checklist.get()
    with pytest.raises(ValidationError):
        services.save_checklist(audit, [other])


def test_an_audited_unit_is_not_deleted_from_the_record(programme, world_a):
    unit = UnitFactory(organisation=world_a.organisation, parent=world_a.sibling, name="Förrådet")
    audit = plan(programme, units=[unit])
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        guarded_delete(unit)
    assert refusal.value.dependents == [f"1 audited unit: Förrådet ({audit})"]
    services.save_audit(audit, units=[])
    guarded_delete(unit)
