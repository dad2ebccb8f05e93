"""Keep the cached pages honest: any write to what the public pages or the cached fragments of the
follow-up pages (dashboard, goal and indicator pages) show raises the organisation's content version
(``organisations.content.bump``), so the next visitor gets a freshly built page.

Over-invalidation is intended: a change to an unpublished goal also retires the cached pages, which
is cheap and keeps the rule simple ("anything a cached page could show changed"). Kolada's shared
values and catalogue raise every organisation's version in ``kolada/services.py``. Bulk writes that send
no model signals (the import pipeline's upsert) are caught through their ``ImportJob``; see
docs/decisions/0015-public-portal.md.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save

from hallbar.accounts.models import Membership
from hallbar.accounts.scoping import organisation_id_of
from hallbar.actions.models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from hallbar.climate.models import (
    BudgetMethod,
    ClimateBudget,
    ClimateSettings,
    EmissionRelease,
    Measure,
    MeasureEffect,
    SectorResponsibility,
)
from hallbar.frameworks.models import Library
from hallbar.imports.models import ImportJob
from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.kolada.models import PeerGroup
from hallbar.organisations import content
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import FocusArea, Goal, Plan, Target
from hallbar.reporting.models import ReportingRound, UnitReport

from . import services
from .models import PortalSettings, Publication
from .publishable import KINDS

WATCHED = (
    Organisation,
    OrganisationUnit,  # responsible units' names are on the pages
    Plan,
    FocusArea,
    Goal,
    Target,
    Indicator,
    IndicatorValue,
    ActionPlan,
    Action,
    ProgressUpdate,
    FollowUpSettings,  # when an action counts as stale
    ImportJob,
    ReportingRound,  # the dashboard's latest round
    UnitReport,
    PeerGroup,  # the indicator page's peer comparison
    Membership,  # the dashboard's fragment follows the user's scope
    ClimateSettings,  # the climate figures: the organisation's preset
    ClimateBudget,  # adopting a budget; its allocation, measures and reported effects
    SectorResponsibility,
    Measure,
    MeasureEffect,
    PortalSettings,
    Publication,
)
# Shared reference data: behind every organisation's climate figures, a release loaded or made current and
# a shipped preset's new version (an organisation's own preset only retires that organisation's pages);
# on the goal and indicator pages, the framework items of a library loaded in a new version.
SHARED = (EmissionRelease, BudgetMethod, Library)


def _organisation_id(instance):
    try:
        return organisation_id_of(instance)
    except ObjectDoesNotExist:  # a half-deleted object: nothing cached can name it any more
        return None


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    content.bump(_organisation_id(instance))


def _shared_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    organisation_id = getattr(instance, "organisation_id", None)
    if organisation_id is None:
        content.bump_all()
    else:
        content.bump(organisation_id)


def _deleted(sender, instance, **kwargs):
    if sender in {kind.model for kind in KINDS.values()}:
        services.forget(instance)
    if sender is not Organisation:
        content.bump(_organisation_id(instance))


def _links_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and hasattr(type(instance), "organisation_lookup"):
        content.bump(_organisation_id(instance))


def connect() -> None:
    for model in WATCHED:
        uid = f"portal-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete")
    for model in SHARED:
        uid = f"portal-{model._meta.label}"
        post_save.connect(_shared_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_shared_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model in (Goal, Target, Action, PeerGroup):
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"portal-{model._meta.label}-{field.name}",
            )
