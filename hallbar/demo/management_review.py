"""The demo's maturity self-assessments (2025 and 2026), management reviews (2025 approved, 2026 in
preparation), the yearly indicators behind the EMAS core indicators and a draft environmental statement
for 2025 (see :mod:`.management_system`; the content is in ``data/management_system.yaml``)."""

from functools import partial

from hallbar.history.context import acting_as
from hallbar.indicators.models import Indicator
from hallbar.indicators.services import record_value
from hallbar.maturity import services as maturity
from hallbar.maturity.matrix import load_matrix
from hallbar.reviews import services as reviews
from hallbar.reviews import workflow as review_workflow
from hallbar.reviews.models import EnvironmentalStatement
from hallbar.reviews.statement import services as statements

from .follow_up import DEMO_SOURCE
from .story import Demo, content, follow_up_action, on

MATURITY_YEARS = (2025, 2026)


def build_maturity(demo: Demo) -> None:
    """A completed assessment of the whole organisation for each year, the later one showing progress."""
    data = content()["maturity"]
    matrix = load_matrix()
    questions = {question.item.urn.rsplit(":", 1)[-1]: question.pk for question in matrix.questions}
    for index, year in enumerate(MATURITY_YEARS):
        assessment = maturity.create_assessment(
            organisation=demo.organisation,
            year=year,
            assessed_by=demo.people[data["assessed_by"]],
            participants=data["participants"],
            notes=data["notes"][year],
        )
        answers = {questions[key]: tuple(years[index]) for key, years in data["answers"].items()}
        maturity.save_answers(assessment, answers, matrix)
        maturity.complete(assessment, matrix)


def _start(demo: Demo, spec: dict):
    start, end = spec["period"]
    return reviews.start_review(
        organisation=demo.organisation,
        user=demo.people[spec["started_by"]],
        title=spec["title"],
        date=on(spec["date"]) if "approved_by" in spec else spec["date"],
        period_start=start,
        period_end=end,
        participants=spec["participants"],
        resources_notes=spec.get("resources_notes", ""),
        communication_notes=spec.get("communication_notes", ""),
        improvement_notes=spec.get("improvement_notes", ""),
    )


def build_management_reviews(demo: Demo) -> None:
    """The 2025 review held, concluded, with decisions and an action, and approved by top management;
    the 2026 review in preparation, its inputs assembled from the system as it is now."""
    data = content()["reviews"]
    spec = data["approved"]
    review = _start(demo, spec)
    reviews.save_conclusions(
        review,
        sections=spec["conclusions"],
        suitability=spec["suitability"],
        adequacy=spec["adequacy"],
        effectiveness=spec["effectiveness"],
    )
    for decision in spec["decisions"]:
        reviews.add_decision(review, kind=decision["kind"], text=decision["text"])
    follow_up_action(demo, partial(reviews.add_action, review), spec["action"])
    review_workflow.transition(review, "hold", user=demo.people[spec["started_by"]])
    approver = demo.people[spec["approved_by"]]
    with acting_as(approver):
        review_workflow.transition(review, "approve", user=approver)
    _start(demo, data["preparation"])


def build_statement(demo: Demo) -> None:
    """Yearly demo indicators for the EMAS core indicators, their mapping, and a draft statement."""
    data = content()["emas"]
    indicators = {}
    for key, spec in data["indicators"].items():
        indicator = Indicator(
            organisation=demo.organisation,
            title=spec["title"],
            unit=spec["unit"],
            direction=spec["direction"],
            responsible_unit=demo.units[spec["responsible"]],
            source=DEMO_SOURCE,
            method_note=spec["method_note"],
        )
        indicator.full_clean()
        indicator.save()
        for year, value in spec["values"].items():
            record_value(indicator, unit=None, year=year, period=0, value=value, source=DEMO_SOURCE)
        indicators[key] = indicator
    choices = {
        area: {
            "a_indicator": indicators.get(source.get("a")),
            "b_indicator": indicators.get(source.get("b")),
            "note": source.get("note", ""),
        }
        for area, source in data["sources"].items()
    }
    statements.save_core_indicator_sources(demo.organisation, choices)
    spec = data["statement"]
    statements.save_statement(
        EnvironmentalStatement(
            organisation=demo.organisation,
            year=spec["year"],
            statement_date=on(spec["statement_date"]),
            description=spec["description"],
        )
    )


def build_reviews(demo: Demo) -> None:
    build_maturity(demo)
    build_statement(demo)
    build_management_reviews(demo)
