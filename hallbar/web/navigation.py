"""The main navigation, ordered by the management cycle (Plan, Do, Check, Act) plus Reports and
Administration. Add a page here when it should be reachable from the menu; a section without
entries (or without entries the user may see) is not shown."""

from dataclasses import dataclass, field

from django.urls import reverse
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
            Entry(_("Kolada key figures"), "kolada:index"),
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
        ],
    ),
    Section("reports", _("Reports"), [Entry(_("Environmental statement (EMAS)"), "reviews:statement-list")]),
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
            Entry(
                _("Core indicators (EMAS)"),
                "reviews:statement-core-indicators",
                permission=Permission.MANAGE_FOLLOW_UP,
            ),
            Entry(_("Set up an organisation"), "organisations:new", operators_only=True),
        ],
    ),
]


def menu_for(request) -> list[dict]:
    """Sections and entries this user may see; the entry whose address best matches the page is current."""
    scope = request.scope
    menu = []
    for section in SECTIONS:
        entries = [
            {"label": entry.label, "url": reverse(entry.url_name), "current": False}
            for entry in section.entries
            if (request.user.is_superuser if entry.operators_only else scope.has(entry.permission))
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
