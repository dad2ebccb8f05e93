"""The main navigation, ordered by the management cycle (Plan, Do, Check, Act) plus Reports and
Administration. Add a page here when it should be reachable from the menu; a section without
entries (or without entries the user may see) is not shown."""

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hallbar.accounts.roles import Permission


@dataclass(frozen=True)
class Entry:
    label: Promise
    url_name: str
    permission: str = Permission.VIEW
    operators_only: bool = False  # for the installation's operators (superusers), not organisation roles


@dataclass
class Section:
    key: str
    label: Promise
    entries: list[Entry] = field(default_factory=list)


SECTIONS: list[Section] = [
    Section(
        "plan",
        _("Plan"),
        [
            Entry(_("Policy"), "documents:policy"),
            Entry(_("Context of the organisation"), "context:index"),
            Entry(_("Sustainability aspects"), "aspects:overview"),
            Entry(_("Aspect register"), "aspects:register"),
            Entry(_("Risks and opportunities"), "risks:list"),
            Entry(_("Plans"), "plans:list"),
            Entry(_("Climate budget"), "climate:budget-list"),
            Entry(_("Framework libraries"), "frameworks:libraries"),
        ],
    ),
    Section(
        "do",
        _("Do"),
        [
            Entry(_("Action plans"), "actions:plan-list"),
            Entry(_("Actions"), "actions:list"),
            Entry(_("My actions"), "actions:mine"),
            Entry(_("Good examples"), "examples:library"),
            Entry(_("Chemical phase-out list"), "chemicals:phase-out-list"),
            Entry(_("Procurement register"), "procurement:list"),
            Entry(_("Contract follow-up"), "procurement:checks"),
        ],
    ),
    Section(
        "check",
        _("Check"),
        [
            Entry(_("Indicators"), "indicators:list"),
            Entry(_("Reporting rounds"), "reporting:list"),
            Entry(_("Compliance obligations"), "obligations:list"),
            Entry(_("Internal audits"), "audits:list"),
            Entry(_("Certification readiness"), "documents:readiness-overview"),
            Entry(_("Toxic-free screening"), "chemicals:index"),
            Entry(_("Kolada key figures"), "kolada:index"),
            Entry(_("Networks"), "networks:list"),
            Entry(_("Sustainable procurement"), "procurement:shares"),
            Entry(_("Procurement compared nationally"), "procurement:national"),
            Entry(_("Consumption footprint"), "consumption:overview"),
            Entry(_("Climate status"), "climate:status"),
            Entry(_("Import data"), "imports:home"),
        ],
    ),
    Section(
        "act",
        _("Act"),
        [
            Entry(_("Nonconformities"), "nonconformities:list"),
            Entry(_("Maturity"), "maturity:list"),
            Entry(_("Management review"), "reviews:list"),
            Entry(_("Citizen dialogue"), "dialogue:queue", permission=Permission.MANAGE_FOLLOW_UP),
        ],
    ),
    Section(
        "reports",
        _("Reports"),
        [
            Entry(_("Reports"), "reports:list"),
            Entry(_("State of sustainability"), "overview:summary"),
            Entry(_("Environmental statement (EMAS)"), "reviews:statement-list"),
        ],
    ),
    Section(
        "admin",
        pgettext_lazy("menu section", "Administration"),
        [
            Entry(_("Organisation structure"), "organisations:structure"),
            Entry(_("People and roles"), "accounts:people"),
            Entry(_("Change history"), "history:log"),
            Entry(_("Controlled documents"), "documents:list"),
            Entry(_("Follow-up settings"), "actions:settings", permission=Permission.MANAGE_FOLLOW_UP),
            Entry(_("Aspect settings"), "aspects:settings", permission=Permission.MANAGE_FOLLOW_UP),
            Entry(_("Risk matrix"), "risks:matrix-settings", permission=Permission.MANAGE_FOLLOW_UP),
            Entry(_("Public portal"), "portal:settings", permission=Permission.MANAGE_FOLLOW_UP),
            Entry(
                _("Core indicators (EMAS)"),
                "reviews:statement-core-indicators",
                permission=Permission.MANAGE_FOLLOW_UP,
            ),
            Entry(_("Set up an organisation"), "organisations:new", operators_only=True),
            Entry(_("Load the Candidate List"), "chemicals:candidate-list-load", operators_only=True),
            Entry(_("Load the national procurement statistics"), "procurement:national-load", operators_only=True),
            Entry(_("Emission releases"), "climate:releases"),
            Entry(_("Carbon-budget methods"), "climate:methods"),
            Entry(_("Load an emission release"), "climate:release-load", operators_only=True),
        ],
    ),
]


MENU_PERMISSIONS = frozenset(entry.permission for section in SECTIONS for entry in section.entries)


@cache
def _address(url_name: str, prefix: str, urlconf: str) -> str:
    """A menu entry's address: the same on every page, so it is worked out once per URL configuration."""
    return reverse(url_name)


def menu_for(request) -> list[dict]:
    """Sections and entries this user may see; the entry whose address best matches the page is current."""
    scope = request.scope
    allowed = {permission: scope.has(permission) for permission in MENU_PERMISSIONS}  # a handful, not one per entry
    menu = []
    for section in SECTIONS:
        entries = [
            {
                "label": entry.label,
                "url": _address(entry.url_name, get_script_prefix(), settings.ROOT_URLCONF),
                "current": False,
            }
            for entry in section.entries
            if (request.user.is_superuser if entry.operators_only else allowed[entry.permission])
        ]
        if entries:
            menu.append({"key": section.key, "label": section.label, "entries": entries, "current": False})
    matches = [
        (entry, section) for section in menu for entry in section["entries"] if request.path.startswith(entry["url"])
    ]
    if matches:
        entry, section = max(matches, key=lambda match: len(match[0]["url"]))
        entry["current"] = section["current"] = True
    return menu
