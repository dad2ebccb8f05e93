"""The demo's management system: policy and procedures, context and aspects here; obligations, risks, audits
and nonconformities in :mod:`.compliance`; maturity, management reviews and the EMAS statement in
:mod:`.management_review`.

The content is in ``data/management_system.yaml`` (illustrative, written for the demo). Everything is
written through the apps' services, so their rules and the change history apply, with the demo's people
acting as themselves. Idempotent like the follow-up: nothing is added when the demo organisation already
has its sustainability policy.
"""

from hallbar.aspects import services as aspects
from hallbar.aspects.models import Activity, Aspect, AspectReview
from hallbar.context import services as context
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from hallbar.documents import services as documents
from hallbar.documents.models import ControlledDocument
from hallbar.history.context import acting_as
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal, Target

from .compliance import build_compliance
from .management_review import build_reviews
from .story import Demo, at, content, on

ASPECT_LINKS = ("goals", "targets", "document", "scores")


# Documents ---------------------------------------------------------------------------------------------


def build_documents(demo: Demo) -> None:
    """Each document with its versions, written by its author and approved by someone else."""
    for key, spec in content()["documents"].items():
        author, approver = demo.people[spec["author"]], demo.people[spec["approver"]]
        document = ControlledDocument(
            organisation=demo.organisation,
            kind=spec["kind"],
            title=spec["title"],
            reference_code=spec["reference_code"],
            owner=demo.people[spec["owner"]],
            responsible_unit=demo.units[spec["unit"]],
            review_interval_months=spec["review_interval_months"],
        )
        documents.save_document(document, clauses=demo.clauses(spec["clauses"]))
        for version in spec["versions"]:
            with acting_as(author):
                draft = documents.create_version(
                    document, author=author, body=version["body"], change_summary=version["summary"]
                )
            with acting_as(approver):
                documents.approve_version(draft, scope=demo.scope(spec["approver"]), on=at(version["approved_on"]))
        demo.documents[key] = document


# Context -----------------------------------------------------------------------------------------------


def build_context(demo: Demo) -> None:
    data = content()
    for spec in data["parties"]["list"]:
        note = spec.get("obligation_note", "")
        party = InterestedParty(
            organisation=demo.organisation,
            name=spec["name"],
            category=spec["category"],
            relevance=spec["relevance"],
            responsible_unit=demo.units[spec["unit"]],
            needs=spec["needs"],
            is_compliance_obligation=bool(note),
            obligation_note=note,
            last_reviewed_on=on(data["parties"]["reviewed_on"]),
        )
        context.save_party(party)
    for spec in data["scan"]:
        item = ScanItem(
            organisation=demo.organisation,
            title=spec["title"],
            category=spec["category"],
            trend=spec["trend"],
            impact=spec["impact"],
            impact_size=spec["size"],
            time_horizon=spec["horizon"],
            responsible_unit=demo.units[spec["unit"]],
            source=spec["source"],
            description=spec["description"],
            noted_on=on(spec["noted_on"]),
        )
        goals = [demo.goals[title] for title in spec["goals"]]
        demo.scan[item.title] = context.save_scan_item(item, goals=goals)
    scope = data["scope"]
    statement = ScopeStatement(
        organisation=demo.organisation,
        text=scope["text"],
        boundaries=scope["boundaries"],
        exclusions=scope["exclusions"],
        valid_from=on(scope["valid_from"]),
        approved_by=scope["approved_by"],
        approved_on=on(scope["approved_on"]),
    )
    administrations = [unit for unit in demo.units.values() if unit.kind in ("committee", "administration")]
    context.save_scope_statement(statement, units=administrations)


# Aspects -----------------------------------------------------------------------------------------------


def build_aspects(demo: Demo) -> None:
    """Activities and their aspects, each handled where needed and then scored with the default criteria."""
    data = content()["aspects"]
    organisation = demo.organisation
    aspects.ensure_settings(organisation)
    criteria = {criterion.key: criterion.pk for criterion in aspects.active_criteria(organisation)}
    targets = {target.title: target for target in Target.objects.filter(goal__plan__organisation=organisation)}
    scorer = demo.people[data["scored_by"]]
    for activity_spec in data["activities"]:
        activity = Activity(
            organisation=organisation,
            name=activity_spec["name"],
            unit=demo.units[activity_spec["unit"]],
            kind=activity_spec["kind"],
            description=activity_spec["description"],
        )
        aspects.save_activity(activity)
        for spec in activity_spec["aspects"]:
            fields = {name: value for name, value in spec.items() if name not in ASPECT_LINKS}
            if "decision_date" in fields:
                fields["decision_date"] = on(fields["decision_date"])
            aspect = Aspect(activity=activity, **fields)
            if "document" in spec:
                aspect.controlled_document = demo.documents[spec["document"]]
            aspects.save_aspect(
                aspect,
                goals=[demo.goals[title] for title in spec.get("goals", [])],
                targets=[targets[title] for title in spec.get("targets", [])],
            )
            scores = {criteria[key]: score for key, score in zip(data["criteria"], spec["scores"], strict=True)}
            aspects.score_aspect(aspect, scores, rationale=data["rationale"], user=scorer, on=on(data["scored_on"]))
            demo.aspects[aspect.name] = aspect
    review = AspectReview(
        organisation=organisation, date=on(data["review"]["date"]), reviewed_by=scorer, notes=data["review"]["notes"]
    )
    aspects.record_review(review)


# The whole management system ------------------------------------------------------------------------


def build_management_system(organisation: Organisation, people: dict) -> None:
    """Everything, once: nothing is added when the demo organisation already has its policy."""
    policy_code = content()["documents"]["policy"]["reference_code"]
    if ControlledDocument.objects.filter(organisation=organisation, reference_code=policy_code).exists():
        return
    demo = Demo(
        organisation=organisation,
        people=people,
        units={unit.name: unit for unit in OrganisationUnit.objects.filter(organisation=organisation)},
        goals={goal.title: goal for goal in Goal.objects.filter(plan__organisation=organisation)},
    )
    build_documents(demo)
    build_context(demo)
    build_aspects(demo)
    build_compliance(demo)
    build_reviews(demo)
