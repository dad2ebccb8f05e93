"""The kinds of record an organisation can publish, and their readable public addresses.

Public addresses: ``/<kind prefix>/<organisation slug>/<segment>/<pk>-<slugified title>/``, the kind
prefix by the organisation's kind (``kommun``, ``region``, ``lansstyrelse``, ``bolag``, ``org``).
The number decides which record is shown; a changed title or kind only redirects to the new address.

The climate figures are the one kind without a number: publishing the organisation itself publishes
its climate status at ``/<kind prefix>/<organisation slug>/klimat/`` (its emissions and carbon budget,
read for its municipality or county). A climate budget may only be published once adopted.
"""

from dataclasses import dataclass, field

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hallbar.actions.models import ActionPlan
from hallbar.climate.models import ClimateBudget
from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation
from hallbar.plans.models import Goal, Plan

KIND_PREFIXES = {
    Organisation.Kind.MUNICIPALITY: "kommun",
    Organisation.Kind.REGION: "region",
    Organisation.Kind.COUNTY_BOARD: "lansstyrelse",
    Organisation.Kind.MUNICIPAL_COMPANY: "bolag",
    Organisation.Kind.OTHER: "org",
}
DEFAULT_PREFIX = "org"


class KindPrefixConverter:
    """The first segment of a public address; only these words, so no other URL is ever shadowed."""

    regex = "|".join(sorted(set(KIND_PREFIXES.values())))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DataFormatConverter:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Kind:
    label: str  # "plans.plan": the model's label, as in the publish toggle's URL
    model: type[models.Model]
    url_name: str  # the public page
    data_url_name: str  # the open-data files
    name: str
    plural: str
    dataset_title: str  # "%(title)s" filled with the record's title
    per_record: bool = True  # False: one page per organisation, its address without number and title
    public_filter: dict = field(default_factory=dict)  # only records matching it may be published and shown
    refusal: str = ""  # why a record outside ``public_filter`` cannot be published
    internal_url_name: str = ""  # the internal page, when the record has no ``get_absolute_url``

    def may_publish(self, obj) -> bool:
        return not self.public_filter or type(obj)._default_manager.filter(pk=obj.pk, **self.public_filter).exists()


KINDS = {
    kind.label: kind
    for kind in (
        Kind("plans.plan", Plan, "portal:plan", "", _("plan"), _("plans"), ""),
        Kind(
            "plans.goal", Goal, "portal:goal", "portal:goal-data", _("goal"), _("goals"), _("Target status: %(title)s")
        ),
        Kind(
            "indicators.indicator",
            Indicator,
            "portal:indicator",
            "portal:indicator-data",
            _("indicator"),
            _("indicators"),
            _("Indicator values: %(title)s"),
        ),
        Kind(
            "actions.actionplan",
            ActionPlan,
            "portal:action-plan",
            "portal:action-plan-data",
            _("action plan"),
            _("action plans"),
            _("Action progress: %(title)s"),
        ),
        Kind(
            "organisations.organisation",
            Organisation,
            "portal:climate",
            "portal:climate-data",
            _("climate figures"),
            _("climate figures"),
            _("Climate figures: %(title)s"),
            per_record=False,
            internal_url_name="climate:status",
        ),
        Kind(
            "climate.climatebudget",
            ClimateBudget,
            "portal:climate-budget",
            "portal:climate-budget-data",
            _("climate budget"),
            _("adopted climate budgets"),
            _("Climate budget: %(title)s"),
            public_filter={"status": ClimateBudget.Status.ADOPTED},
            refusal=_("Only an adopted climate budget can be published; a draft can still change."),
        ),
    )
}


def kind_of(obj_or_model) -> Kind | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return KINDS.get(model._meta.label_lower)


def prefix_for(organisation: Organisation) -> str:
    return KIND_PREFIXES.get(organisation.kind, DEFAULT_PREFIX)


def title_slug(obj) -> str:
    return slugify(str(obj))[:80].strip("-") or kind_of(obj).label.rsplit(".", 1)[1]


def home_url(organisation: Organisation) -> str:
    return reverse("portal:home", kwargs=address(organisation))


def address(organisation: Organisation) -> dict:
    return {"kind": prefix_for(organisation), "organisation": organisation.slug}


def public_url(obj, organisation: Organisation) -> str:
    kind = kind_of(obj)
    record = {"pk": obj.pk, "slug": title_slug(obj)} if kind.per_record else {}
    return reverse(kind.url_name, kwargs={**address(organisation), **record})


def data_url(obj, organisation: Organisation, data_format: str) -> str:
    kind = kind_of(obj)
    record = {"pk": obj.pk} if kind.per_record else {}
    return reverse(kind.data_url_name, kwargs={**address(organisation), **record, "format": data_format})
