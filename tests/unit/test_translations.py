"""The Swedish catalogue is complete, safe to format, up to date with the code, and actually used.

Swedish is the default language, so an untranslated string shows up in English for most users.
When a test here fails after you changed a user-facing string: run ``make makemessages``, translate
the new entries in ``hallbar/locale/sv/LC_MESSAGES/django.po`` and run ``make messages``.
"""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "hallbar"
LOCALE_DIR = PACKAGE_DIR / "locale"
SV_PO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "django.po"

# The same call as ``make makemessages``: run inside the package, static files left out.
MAKEMESSAGES_IGNORE = ["static/*"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")

# %(name)s, %(n)d, %(value).2f … and str.format's {name}, {0}, {} (but not a literal {{ or }}).
NAMED_PERCENT = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL_PERCENT = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACES = re.compile(r"(?<!\{)\{(\w*)(?:[!:][^{}]*)?\}(?!\})")


def sv_catalogue() -> polib.POFile:
    return polib.pofile(str(SV_PO))


def key(entry: polib.POEntry) -> str:
    return f"{entry.msgid!r} (context {entry.msgctxt!r})" if entry.msgctxt else repr(entry.msgid)


def placeholders(text: str, python_format: bool) -> tuple[set[str], int, set[str]]:
    """Named %-placeholders, the number of positional ones (only counted in python-format
    entries, where "100 %" cannot occur), and {}-placeholders."""
    text = text.replace("%%", "")
    positional = len(POSITIONAL_PERCENT.findall(NAMED_PERCENT.sub("", text))) if python_format else 0
    return set(NAMED_PERCENT.findall(text)), positional, set(BRACES.findall(text))


def test_every_swedish_entry_is_translated_and_not_fuzzy():
    catalogue = sv_catalogue()
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
    untranslated, fuzzy = [], []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            fuzzy.append(key(entry))
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(n, "") for n in range(nplurals)]
            if not all(form.strip() for form in forms):
                untranslated.append(key(entry))
        elif not entry.msgstr.strip():
            untranslated.append(key(entry))
    assert len(catalogue) > 0, f"{SV_PO} has no entries"
    assert not catalogue.metadata_is_fuzzy, f"The header of {SV_PO} is marked fuzzy: remove '#, fuzzy' above it."
    assert not untranslated, f"{len(untranslated)} untranslated entries in {SV_PO}:\n  " + "\n  ".join(untranslated)
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {SV_PO} need review:\n  " + "\n  ".join(fuzzy)


def test_swedish_translations_keep_the_placeholders():
    mismatches = []
    for entry in sv_catalogue():
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid if n == 0 else entry.msgid_plural, text) for n, text in entry.msgstr_plural.items()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        python_format = "python-format" in entry.flags
        for source, text in pairs:
            expected, found = placeholders(source, python_format), placeholders(text, python_format)
            if text and expected != found:
                mismatches.append(f"{key(entry)}: {expected} ≠ {found} in {text!r}")
    assert not mismatches, "Placeholders differ between msgid and msgstr:\n  " + "\n  ".join(mismatches)


def test_catalogue_contains_every_string_in_the_code(tmp_path, monkeypatch):
    """Run ``makemessages`` on a copy of the package, so the repository's catalogues stay untouched."""
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        message = f"GNU gettext ({', '.join(missing_tools)}) not installed: install the 'gettext' package."
        if os.environ.get("HALLBAR_REQUIRE_GETTEXT") == "1":
            pytest.fail(f"HALLBAR_REQUIRE_GETTEXT=1 but {message}")
        pytest.skip(message)

    copy = tmp_path / "hallbar"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("static", "__pycache__", "*.pyc", "*.mo", "node_modules"),
    )
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
        call_command(
            "makemessages",
            locale=["sv"],
            ignore_patterns=list(MAKEMESSAGES_IGNORE),
            no_obsolete=True,
            keep_pot=True,
            verbosity=0,
            stdout=StringIO(),
        )
    extracted = polib.pofile(str(copy / "locale" / "django.pot"))
    assert len(extracted) > 0, "makemessages found no strings at all: the test itself is broken"

    committed = {(e.msgctxt, e.msgid, e.msgid_plural) for e in sv_catalogue() if not e.obsolete}
    missing = [
        f"{key(e)} from {', '.join(f'{path}:{line}' for path, line in e.occurrences[:3])}"
        for e in extracted
        if (e.msgctxt, e.msgid, e.msgid_plural) not in committed
    ]
    assert not missing, (
        f"{len(missing)} strings in the code are missing from {SV_PO}. "
        "Run `make makemessages`, then translate them:\n  " + "\n  ".join(missing)
    )


@pytest.fixture
def compiled_catalogues():
    call_command("compiletranslations", stdout=StringIO())
    # Re-setting LOCALE_PATHS drops Django's cached catalogues, so the fresh .mo files are read.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.mark.parametrize(
    ("msgid", "swedish"),
    [
        ("Log in", "Logga in"),
        ("Skip to main content", "Hoppa till huvudinnehållet"),
        ("Framework libraries", "Ramverksbibliotek"),
        ("Change history", "Ändringshistorik"),
        ("People and roles", "Personer och roller"),
        ("Committee", "Nämnd"),
        ("Editor", "Redaktör"),
    ],
)
def test_swedish_is_used_after_compiling(compiled_catalogues, msgid, swedish):
    with translation.override("sv"):
        assert translation.gettext(msgid) == swedish
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_contexts_and_plurals_after_compiling(compiled_catalogues):
    with translation.override("sv"):
        assert translation.pgettext("menu section", "Administration") == "Administration"
        assert translation.pgettext("kind of unit", "Administration") == "Förvaltning"
        assert translation.ngettext("%(counter)s link", "%(counter)s links", 1) % {"counter": 1} == "1 koppling"
        assert translation.ngettext("%(counter)s link", "%(counter)s links", 3) % {"counter": 3} == "3 kopplingar"
