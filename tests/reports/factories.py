"""Factories for reports and their versions (kept with the reports tests)."""

import factory

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.reports import services
from hallbar.reports.models import Report, ReportVersion
from tests.factories import OrganisationFactory

ALL_SECTIONS = ["summary", "goals", "indicators", "actions", "climate", "procurement", "audits"]


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Hållbarhetsredovisning {n}")
    year = 2023
    sections = factory.LazyFunction(lambda: list(ALL_SECTIONS))


def report_for(organisation, unit=None, **fields) -> Report:
    """An internal report of the plan tree (with its indicator and action) for 2023, every section."""
    from tests.actions.factories import action_for
    from tests.plans.factories import plan_tree_for

    action_for(organisation, unit)
    return ReportFactory(organisation=organisation, plan=plan_tree_for(organisation, unit), **fields)


def coordinator_of(organisation):
    membership = Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR).first()
    return membership.user if membership else None


def version_for(organisation, unit=None) -> ReportVersion:
    """A generated (not approved) version of :func:`report_for`'s report; reused when it exists."""
    version = ReportVersion.objects.filter(report__organisation=organisation).first()
    if version is not None:
        return version
    report = report_for(organisation, unit)
    user = coordinator_of(organisation) or Membership.objects.filter(organisation=organisation).first().user
    version = ReportVersion.objects.create(report=report, number=1, audience=report.audience, requested_by=user)
    return services.generate(version)
