"""The demo's compliance obligations with their evaluations, risks and opportunities, the 2026 audit
programme, and the nonconformities raised by them, moved on through their workflow (see
:mod:`.management_system`; the content is in ``data/management_system.yaml``)."""

from functools import partial

from django.core.files.base import ContentFile

from hallbar.audits import services as audits
from hallbar.audits import workflow as audit_workflow
from hallbar.audits.models import AuditProgramme
from hallbar.context.models import InterestedParty
from hallbar.core.pdf import PdfReport
from hallbar.documents import services as documents
from hallbar.history.context import acting_as
from hallbar.nonconformities import services as nonconformities
from hallbar.nonconformities import workflow as stages
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.queries import for_source
from hallbar.obligations import services as obligations
from hallbar.risks import services as risks
from hallbar.risks.models import Risk

from .story import Demo, content, follow_up_action, on

# Obligations --------------------------------------------------------------------------------------------


def build_obligations(demo: Demo) -> Nonconformity:
    """The register with its evaluations; returns the nonconformity the evaluation "not met" raised."""
    data = content()
    parties = {party.name: party for party in InterestedParty.objects.filter(organisation=demo.organisation)}
    raised = None
    for spec in data["obligations"]:
        obligation = obligations.create_obligation(
            organisation=demo.organisation,
            title=spec["title"],
            kind=spec["kind"],
            reference=spec["reference"],
            summary=spec["summary"],
            url=data["sfs_url"] + spec["url"] if "url" in spec else "",
            responsible_unit=demo.units[spec["unit"]],
            responsible_person=demo.people[spec["person"]],
            interested_party=parties.get(spec.get("party")),
            applies_to_units=[demo.units[name] for name in spec.get("units", [])],
            aspects=[demo.aspects[name] for name in spec.get("aspects", [])],
        )
        for evaluation in spec["evaluations"]:
            evaluator = demo.people[evaluation["evaluator"]]
            with acting_as(evaluator):
                recorded = obligations.record_evaluation(
                    obligation,
                    evaluator=evaluator,
                    result=evaluation["result"],
                    date=on(evaluation["date"]),
                    findings=evaluation.get("findings", ""),
                )
            if recorded.result in obligations.RAISED_AT_ONCE:
                raised = for_source(recorded).get()
        demo.obligations[obligation.title] = obligation
    return raised


# Risks and opportunities --------------------------------------------------------------------------------


def build_risks(demo: Demo) -> None:
    for spec in content()["risks"]:
        residual = spec.get("residual", [None, None])
        risk = risks.create_risk(
            organisation=demo.organisation,
            kind=spec.get("kind", Risk.Kind.RISK),
            title=spec["title"],
            category=spec["category"],
            description=spec.get("description", ""),
            cause=spec["cause"],
            effect=spec["effect"],
            responsible_unit=demo.units[spec["unit"]],
            owner=demo.people[spec["owner"]],
            inherent_likelihood=spec["likelihood"],
            inherent_consequence=spec["consequence"],
            treatment_strategy=spec["strategy"],
            residual_likelihood=residual[0],
            residual_consequence=residual[1],
            review_date=spec["review_date"],
            scan_items=[demo.scan[title] for title in spec.get("scan_items", [])],
            aspects=[demo.aspects[name] for name in spec.get("aspects", [])],
            obligations=[demo.obligations[title] for title in spec.get("obligations", [])],
        )
        for action in spec.get("actions", []):
            follow_up_action(demo, partial(risks.add_action, risk), action)
        if spec.get("treated"):
            risks.change_status(risk, Risk.Status.TREATED)


# Audits -------------------------------------------------------------------------------------------------


def _plan_audit(demo: Demo, programme: AuditProgramme, spec: dict):
    return audits.create_audit(
        programme=programme,
        title=spec["title"],
        objectives=spec["objectives"],
        planned_start=spec["planned_start"],
        planned_end=spec["planned_end"],
        units=[demo.units[name] for name in spec["units"]],
        clauses=demo.clauses(spec["clauses"]),
        lead_auditor=demo.people[spec["lead"]],
        team=[demo.people[person] for person in spec["team"]],
    )


def build_audits(demo: Demo) -> Nonconformity:
    """The programme with a closed audit (checklist answered, three findings) and a planned one; returns
    the nonconformity raised by the closed audit's minor nonconformity."""
    data = content()["audits"]
    programme = audits.save_programme(
        AuditProgramme(
            organisation=demo.organisation,
            year=data["programme"]["year"],
            title=data["programme"]["title"],
            aims=data["programme"]["aims"],
            approved_by=data["programme"]["approved_by"],
            approved_on=on(data["programme"]["approved_on"]),
        )
    )
    spec = data["closed"]
    audit = _plan_audit(demo, programme, spec)
    auditor = demo.people[spec["lead"]]
    with acting_as(auditor):
        audit_workflow.transition(audit, "start")
        items = {item.clause.ref: item for item in audit.checklist.select_related("clause")}
        findings = []
        for finding in spec["findings"]:
            findings.append(
                audits.record_finding(
                    audit,
                    user=auditor,
                    kind=finding["kind"],
                    title=finding["title"],
                    description=finding["description"],
                    checklist_item=items[finding["clause"]],
                    unit=demo.units[finding["unit"]],
                    evidence_notes=finding.get("evidence_notes", ""),
                )
            )
        for ref, answer in spec["checklist"].items():
            items[ref].answer, items[ref].conclusion = answer["answer"], answer["conclusion"]
        audits.save_checklist(audit, items.values(), conclusions=spec["conclusions"])
        audit_workflow.transition(audit, "write_report")
        audit_workflow.transition(audit, "close")
    _plan_audit(demo, programme, data["planned"])
    return next(for_source(finding).get() for finding in findings if finding.is_nonconformity)


# Nonconformities ----------------------------------------------------------------------------------------


def _analyse(demo: Demo, nonconformity: Nonconformity, spec: dict, method: str) -> None:
    """The owner records the analysis, marks it analysed, plans the corrective action and (when it is
    done) marks it implemented."""
    owner = demo.people[spec["owner"]]
    with acting_as(owner):
        nonconformity.owner = owner
        nonconformity.detected_on = on(spec["detected_on"])
        nonconformity.immediate_correction = spec["immediate_correction"]
        nonconformity.analysis_method = method
        nonconformity.analysis_notes = spec.get("analysis_notes", "")
        nonconformity.root_cause = spec["root_cause"]
        nonconformity.effectiveness_due = spec["effectiveness_due"]
        nonconformities.save_analysis(nonconformity, spec.get("whys", []))
        stages.move(nonconformity, "analyse", user=owner)
        action = follow_up_action(demo, partial(nonconformities.add_corrective_action, nonconformity), spec["action"])
        stages.move(nonconformity, "plan", user=owner)
        if action.status == action.Status.DONE:
            stages.move(nonconformity, "implement", user=owner)


def _evidence_file(demo: Demo, title: str) -> ContentFile:
    report = PdfReport(title, organisation=demo.organisation.name, subtitle="Förskoleenheten")
    rows = [[f"Förskola {letter}", "Komplett", "Aktuella"] for letter in "ABCDE"]
    report.table(["Förskola", "Förteckning", "Säkerhetsdatablad"], rows)
    return ContentFile(report.render(), name="stickprov-kemikalieforteckningar.pdf")


def build_nonconformities(demo: Demo, from_compliance: Nonconformity, from_audit: Nonconformity) -> None:
    """The compliance one analysed with five whys and its corrective action planned; the audit one closed
    after its effectiveness was verified by someone who is neither its owner nor the action's contact."""
    data = content()["nonconformities"]
    _analyse(demo, from_compliance, data["compliance"], Nonconformity.AnalysisMethod.FIVE_WHYS)
    spec = data["audit"]
    _analyse(demo, from_audit, spec, Nonconformity.AnalysisMethod.OTHER)
    verifier = demo.people[spec["verified_by"]]
    with acting_as(verifier):
        documents.attach_evidence(
            from_audit, _evidence_file(demo, spec["evidence"]), user=verifier, description=spec["evidence"]
        )
        stages.move(from_audit, "verify", user=verifier, comment=spec["verification"])
        stages.move(from_audit, "close", user=verifier)


def build_compliance(demo: Demo) -> None:
    from_compliance = build_obligations(demo)
    build_risks(demo)
    from_audit = build_audits(demo)
    build_nonconformities(demo, from_compliance, from_audit)
