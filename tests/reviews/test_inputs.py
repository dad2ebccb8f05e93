"""Assembling the inputs of a review: what each section takes from the system, and that the number of
queries does not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.aspects.models import Aspect
from hallbar.audits.models import Finding
from hallbar.context.models import InterestedParty
from hallbar.history.models import ChangeRecord
from hallbar.nonconformities.models import Nonconformity, Stage, StageChange
from hallbar.obligations import services as obligation_services
from hallbar.obligations.models import Evaluation
from hallbar.plans.models import Plan
from hallbar.reviews import inputs, services
from hallbar.reviews.models import ManagementReview
from tests.actions.factories import ActionFactory, ActionPlanFactory, action_for
from tests.aspects.factories import ActivityFactory, AspectFactory
from tests.audits.factories import AuditFactory, FindingFactory, ProgrammeFactory
from tests.context.factories import InterestedPartyFactory, ScanItemFactory
from tests.maturity.factories import EARLIER_STAGES, LATER_STAGES, completed
from tests.nonconformities.factories import nonconformity
from tests.obligations.factories import ObligationFactory
from tests.risks.factories import RiskFactory

from .factories import coordinator_of

TODAY = timezone.localdate()
YEAR_AGO = TODAY - timedelta(days=365)


def review(world, **fields) -> ManagementReview:
    """A review of today (not saved) over the last year, unless ``fields`` say otherwise."""
    values = {"title": "Ledningens genomgång", "date": TODAY, "period_start": YEAR_AGO, "period_end": TODAY}
    return ManagementReview(organisation=world.organisation, **{**values, **fields})


def assemble(world, **fields) -> dict:
    return inputs.assemble(review(world, **fields), user=coordinator_of(world.organisation))["sections"]


def before_the_period(obj) -> None:
    """Move the change history of ``obj`` to two years ago, as if it had been recorded then."""
    ChangeRecord.objects.filter(object_id=str(obj.pk), content_type__model=type(obj)._meta.model_name).update(
        created_at=timezone.now() - timedelta(days=730)
    )


def names(rows) -> list[str]:
    return [row["name"] for row in rows]


def test_the_snapshot_names_its_period_and_every_section(world_a):
    data = inputs.assemble(review(world_a), user=coordinator_of(world_a.organisation))
    assert data["version"] == inputs.VERSION
    assert data["period"] == {"start": YEAR_AGO.isoformat(), "end": TODAY.isoformat()}
    assert set(data["sections"]) == {
        "previous_actions",
        "context",
        "obligations",
        "aspects",
        "risks",
        "goals",
        "indicators",
        "plan_actions",
        "audits",
        "nonconformities",
        "maturity",
        "communication",
        "improvement",
    }


def test_actions_from_earlier_reviews_with_their_status(world_a):
    organisation, user = world_a.organisation, coordinator_of(world_a.organisation)
    earlier = services.start_review(organisation=organisation, user=user, title="2024", date=YEAR_AGO)
    later = services.start_review(organisation=organisation, user=user, title="Efter", date=TODAY + timedelta(days=1))
    overdue = services.add_action(
        earlier, title="Kemikalieplan", start_date=YEAR_AGO, end_date=TODAY - timedelta(days=1)
    )
    done = services.add_action(earlier, title="Ny miljöpolicy", status=Action.Status.DONE, end_date=TODAY)
    services.add_action(
        earlier,
        title="Gammal och klar",
        status=Action.Status.DONE,
        start_date=YEAR_AGO - timedelta(days=30),
        end_date=YEAR_AGO - timedelta(days=1),
    )
    services.add_action(later, title="Från en senare genomgång", end_date=TODAY)

    section = assemble(world_a)["previous_actions"]

    assert names(section["actions"]) == ["Kemikalieplan", "Ny miljöpolicy"]  # not closed before the period
    assert section["counts"] == {"total": 2, "done": 1, "cancelled": 0, "open": 1, "overdue": 1}
    first = section["actions"][0]
    assert (first["review"], first["status"], first["overdue"], first["url"]) == (
        "2024",
        Action.Status.NOT_STARTED,
        True,
        overdue.get_absolute_url(),
    )
    assert section["actions"][1]["id"] == done.pk


def test_changes_in_the_context_come_from_the_history(world_a):
    organisation = world_a.organisation
    old = ScanItemFactory(organisation=organisation, title="Äldre trend")
    before_the_period(old)
    new = ScanItemFactory(organisation=organisation, title="Elbilar ökar")
    changed = InterestedPartyFactory(organisation=organisation, name="Företagare")
    before_the_period(changed)
    changed.relevance = InterestedParty.Relevance.HIGH
    changed.save()
    gone = InterestedPartyFactory(organisation=organisation, name="Föreningar")
    gone.delete()

    section = assemble(world_a)["context"]

    assert [(row["name"], row["change"]) for row in section["scan_items"]] == [("Elbilar ökar", "added")]
    assert section["scan_items"][0]["url"] == new.get_absolute_url()
    parties = {row["name"]: row for row in section["parties"]}
    assert parties["Företagare"]["change"] == "changed"
    assert parties["Företagare"]["relevance"] == InterestedParty.Relevance.HIGH
    assert (parties["Föreningar"]["change"], parties["Föreningar"]["url"]) == ("deleted", None)
    assert section["totals"] == {"parties": 1, "high_relevance": 1, "scan_items": 2, "scan_negative": 2}
    assert section["scope"] is None


def test_a_period_in_the_past_leaves_todays_changes_out(world_a):
    ScanItemFactory(organisation=world_a.organisation, title="Elbilar ökar")
    section = assemble(world_a, period_start=YEAR_AGO, period_end=TODAY - timedelta(days=1))["context"]
    assert section["scan_items"] == []


def test_obligations_changes_evaluations_and_overdue(world_a):
    organisation, user = world_a.organisation, coordinator_of(world_a.organisation)
    evaluated = ObligationFactory(organisation=organisation, title="Avfallsförordningen")
    before_the_period(evaluated)
    obligation_services.record_evaluation(
        evaluated, evaluator=user, result=Evaluation.Result.NOT_MET, findings="Sorteringen saknas."
    )
    ObligationFactory(organisation=organisation, title="Miljöbalken")
    overdue = ObligationFactory(
        organisation=organisation, title="Tillstånd för täkt", next_evaluation_date=TODAY - timedelta(days=3)
    )

    section = assemble(world_a)["obligations"]

    # A new next evaluation date, set by the evaluation, is not a change of the obligation.
    assert sorted(names(section["changed"])) == ["Miljöbalken", "Tillstånd för täkt"]
    assert section["evaluations"] == {"total": 1, "met": 0, "partly": 0, "not_met": 1}
    assert [(row["name"], row["result"], row["findings"]) for row in section["not_met"]] == [
        ("Avfallsförordningen", Evaluation.Result.NOT_MET, "Sorteringen saknas.")
    ]
    assert [(row["name"], row["next_evaluation_date"]) for row in section["overdue"]] == [
        ("Tillstånd för täkt", overdue.next_evaluation_date.isoformat())
    ]
    assert section["active"] == 3


def test_significant_aspects_those_that_became_significant_and_unhandled_ones(world_a):
    activity = ActivityFactory(organisation=world_a.organisation, unit=world_a.unit, name="Skolmåltider")
    handled = AspectFactory(activity=activity, name="Matsvinn", is_significant=True, operational_control="Vägning.")
    before_the_period(handled)
    became = AspectFactory(activity=activity, name="Köttkonsumtion")
    became.is_significant = True
    became.save()
    AspectFactory(activity=activity, name="Buller")

    section = assemble(world_a)["aspects"]

    assert section["counts"] == {"total": 3, "significant": 2, "became_significant": 1, "unhandled": 1}
    rows = {row["name"]: row for row in section["significant"]}
    assert rows["Matsvinn"]["handled"] is True and rows["Matsvinn"]["became_significant"] is None
    assert rows["Köttkonsumtion"]["handled"] is False
    assert rows["Köttkonsumtion"]["became_significant"] == TODAY.isoformat()
    assert (rows["Köttkonsumtion"]["activity"], rows["Köttkonsumtion"]["unit"]) == ("Skolmåltider", "A enhet")
    assert Aspect.objects.count() == 3


def test_high_risks_changes_and_opportunities(world_a):
    organisation = world_a.organisation
    very_high = RiskFactory(organisation=organisation, title="Skyfall", inherent_likelihood=4, inherent_consequence=4)
    RiskFactory(
        organisation=organisation,
        title="Reducerad",
        inherent_likelihood=4,
        inherent_consequence=4,
        residual_likelihood=1,
        residual_consequence=2,
    )
    medium = RiskFactory(organisation=organisation, title="Värmebölja", inherent_likelihood=3, inherent_consequence=3)
    RiskFactory(
        organisation=organisation, title="Stängd", inherent_likelihood=5, inherent_consequence=5, status="closed"
    )
    RiskFactory(organisation=organisation, title="Solceller", kind="opportunity", inherent_likelihood=3)

    sections = assemble(world_a)
    section = sections["risks"]

    assert names(section["high"]) == ["Skyfall"]  # the reduced one's current level is its residual one
    assert section["high"][0]["level"] == "very_high" and section["high"][0]["url"] == very_high.get_absolute_url()
    assert section["levels"] == {"low": 1, "medium": 2, "high": 0, "very_high": 1}
    assert sorted(names(section["changed"])) == ["Reducerad", "Skyfall", "Solceller", "Stängd", "Värmebölja"]
    assert {row["change"] for row in section["changed"]} == {"added"}
    assert names(sections["improvement"]["opportunities"]) == ["Solceller"]
    assert medium.inherent_level == "medium"


def test_goals_with_the_status_of_their_targets_and_indicators(world_a):
    action_for(world_a.organisation, world_a.unit)  # the plan tree, its indicator with values, an action plan
    Plan.objects.filter(organisation=world_a.organisation).update(status=Plan.Status.ADOPTED)
    draft = Plan.objects.create(
        organisation=world_a.organisation, title="Utkast", valid_from_year=2026, valid_to_year=2030
    )

    sections = assemble(world_a)

    goals = sections["goals"]
    assert names(goals["plans"]) == ["Klimatplan"] and draft.title not in names(goals["plans"])
    target = goals["targets"][0]
    assert (target["name"], target["goal"], target["target_year"], target["measure_unit"]) == (
        "Minskade utsläpp",
        "Fossilfri kommun",
        2030,
        "ton CO2e/invånare",
    )
    assert target["status"] in {"on_track", "at_risk", "off_track", "not_enough_data"}
    assert goals["counts"] == {target["status"]: 1}
    indicator = sections["indicators"]["indicators"][0]
    assert indicator["latest_year"] > indicator["previous_year"]
    assert indicator["movement"] in {"better", "worse", "unchanged"}


def test_actions_of_action_plans_by_status_with_overdue_and_stale_ones(world_a):
    organisation = world_a.organisation
    plan = ActionPlanFactory(organisation=organisation, title="Åtgärdsplan miljö")
    late = ActionFactory(organisation=organisation, action_plan=plan, title="Sen", end_date=TODAY - timedelta(days=1))
    ActionFactory(organisation=organisation, action_plan=plan, title="Klar", status=Action.Status.DONE)
    ActionFactory(organisation=organisation, title="Utan plan", end_date=TODAY - timedelta(days=1))

    section = assemble(world_a)["plan_actions"]

    [row] = section["plans"]
    assert (row["name"], row["total"], row["overdue"]) == ("Åtgärdsplan miljö", 2, 1)
    assert row["statuses"]["ongoing"] == 1 and row["statuses"]["done"] == 1
    assert [(action["name"], action["overdue"]) for action in section["attention"]] == [("Sen", True)]
    assert section["attention"][0]["url"] == late.get_absolute_url()


def test_audits_of_the_period_their_findings_and_improvement_opportunities(world_a):
    programme = ProgrammeFactory(organisation=world_a.organisation)
    audit = AuditFactory(programme=programme, title="Revision av förrådet", planned_start=TODAY - timedelta(days=10))
    AuditFactory(programme=programme, title="Gammal revision", planned_start=YEAR_AGO - timedelta(days=30))
    FindingFactory(audit=audit, kind=Finding.Kind.MINOR, title="Kemikalier utan blad")
    FindingFactory(audit=audit, kind=Finding.Kind.IMPROVEMENT, title="Samordna transporterna")

    sections = assemble(world_a)

    section = sections["audits"]
    assert names(section["audits"]) == ["Revision av förrådet"]
    assert section["totals"] == {"major": 0, "minor": 1, "observation": 0, "improvement": 1}
    assert section["audits"][0]["findings"]["minor"] == 1
    assert names(sections["improvement"]["findings"]) == ["Samordna transporterna"]


def test_nonconformities_opened_closed_open_by_stage_and_overdue(world_a):
    organisation = world_a.organisation
    complaint = nonconformity(organisation, title="Klagomål på buller", origin=Nonconformity.Origin.COMPLAINT)
    late_check = nonconformity(organisation, title="Oljespill", effectiveness_due=TODAY - timedelta(days=2))
    closed = nonconformity(organisation, title="Avfall i fel kärl")
    Nonconformity.objects.filter(pk=closed.pk).update(stage=Stage.CLOSED)
    StageChange.objects.create(nonconformity=closed, from_stage=Stage.VERIFIED, to_stage=Stage.CLOSED)
    action_services.create_action(
        organisation=organisation,
        title="Byt packning",
        reason=late_check,
        start_date=YEAR_AGO,
        end_date=TODAY - timedelta(days=1),
        status=Action.Status.ONGOING,
    )

    sections = assemble(world_a)

    section = sections["nonconformities"]
    assert names(section["opened"]) == ["Klagomål på buller", "Oljespill", "Avfall i fel kärl"]
    assert section["opened"][0]["reference"] == complaint.reference
    assert [(row["name"], row["closed_on"]) for row in section["closed"]] == [("Avfall i fel kärl", TODAY.isoformat())]
    assert section["open_by_stage"]["reported"] == 2 and "closed" not in section["open_by_stage"]
    assert names(section["effectiveness_overdue"]) == ["Oljespill"]
    assert [(row["name"], row["nonconformity"]) for row in section["actions_overdue"]] == [
        ("Byt packning", late_check.reference)
    ]
    assert names(sections["communication"]["complaints"]) == ["Klagomål på buller"]


def test_maturity_of_the_whole_organisation_with_the_change_since_the_year_before(world_a):
    organisation = world_a.organisation
    assert assemble(world_a)["maturity"] == {"assessment": None}
    completed(organisation, year=TODAY.year - 2, stages=EARLIER_STAGES)
    completed(organisation, year=TODAY.year - 1, stages=LATER_STAGES)
    completed(organisation, unit=world_a.unit, year=TODAY.year, stages=LATER_STAGES)  # a unit's: not used

    section = assemble(world_a)["maturity"]

    assert (section["assessment"]["year"], section["assessment"]["previous_year"]) == (TODAY.year - 1, TODAY.year - 2)
    assert section["assessment"]["mean_change"] > 0
    first = section["questions"][0]
    assert (first["stage"], first["previous"], first["change"]) == (
        LATER_STAGES[0],
        EARLIER_STAGES[0],
        LATER_STAGES[0] - EARLIER_STAGES[0],
    )


def _data(world, count: int, offset: int) -> None:
    """``count`` records of every kind the inputs read (names numbered from ``offset``)."""
    organisation, user = world.organisation, coordinator_of(world.organisation)
    earlier = ManagementReview.objects.filter(organisation=organisation, title="Tidigare").first()
    earlier = earlier or services.start_review(organisation=organisation, user=user, title="Tidigare", date=YEAR_AGO)
    plan = ActionPlanFactory(organisation=organisation)
    activity = ActivityFactory(organisation=organisation, unit=world.unit)
    programme = ProgrammeFactory(organisation=organisation)
    for number in range(offset, offset + count):
        services.add_action(earlier, title=f"Åtgärd {number}", end_date=TODAY - timedelta(days=1))
        ScanItemFactory(organisation=organisation, responsible_unit=world.unit)
        InterestedPartyFactory(organisation=organisation, responsible_unit=world.unit)
        obligation = ObligationFactory(
            organisation=organisation, responsible_unit=world.unit, next_evaluation_date=TODAY - timedelta(days=1)
        )
        obligation_services.record_evaluation(obligation, evaluator=user, result="partly", findings="Brister.")
        AspectFactory(activity=activity, is_significant=True)
        RiskFactory(organisation=organisation, responsible_unit=world.unit, inherent_likelihood=5)
        RiskFactory(organisation=organisation, kind="opportunity")
        ActionFactory(organisation=organisation, action_plan=plan, end_date=TODAY - timedelta(days=1))
        audit = AuditFactory(programme=programme, planned_start=TODAY)
        FindingFactory(audit=audit, kind=Finding.Kind.IMPROVEMENT)
        late = nonconformity(
            organisation, origin=Nonconformity.Origin.COMPLAINT, effectiveness_due=TODAY - timedelta(days=1)
        )
        action_services.create_action(
            organisation=organisation, title=f"Korrigering {number}", reason=late, end_date=TODAY - timedelta(days=1)
        )


def _queries(world) -> int:
    with CaptureQueriesContext(connection) as captured:
        assemble(world)
    return len(captured)


@pytest.mark.django_db
def test_assembling_takes_the_same_number_of_queries_whatever_the_amount_of_data(world_a):
    action_for(world_a.organisation, world_a.unit)
    Plan.objects.filter(organisation=world_a.organisation).update(status=Plan.Status.ADOPTED)
    completed(world_a.organisation, year=TODAY.year - 2, stages=EARLIER_STAGES)
    completed(world_a.organisation, year=TODAY.year - 1, stages=LATER_STAGES)
    _data(world_a, 1, 0)
    assemble(world_a)  # content types and other per-process caches
    small = _queries(world_a)
    _data(world_a, 4, 1)
    large = _queries(world_a)
    sections = assemble(world_a)
    assert len(sections["previous_actions"]["actions"]) == 5 and len(sections["nonconformities"]["opened"]) == 5
    assert large == small, f"{small} queries for one record of each kind, {large} for five"
