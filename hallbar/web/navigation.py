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
            Entry(_("Framework libraries"), "frameworks:libraries"),
        ],
    ),
    Section("do", _("Do")),
    Section("check", _("Check")),
    Section("act", _("Act")),
    Section("reports", _("Reports")),
    Section(
        "admin",
        pgettext_lazy("menu section", "Administration"),
        [
            Entry(_("Organisation structure"), "organisations:structure"),
            Entry(_("People and roles"), "accounts:people"),
            Entry(_("Change history"), "history:log"),
        ],
    ),
]


def menu_for(request) -> list[dict]:
    """Sections and entries this user may see, with the current entry marked."""
    scope = request.scope
    path = request.path
    menu = []
    for section in SECTIONS:
        entries = []
        for entry in section.entries:
            if not scope.has(entry.permission):
                continue
            url = reverse(entry.url_name)
            entries.append({"label": entry.label, "url": url, "current": path.startswith(url)})
        if entries:
            menu.append(
                {
                    "key": section.key,
                    "label": section.label,
                    "entries": entries,
                    "current": any(e["current"] for e in entries),
                }
            )
    return menu
