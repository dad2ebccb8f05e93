"""Framework libraries: versioned, idempotent, atomic loading with file-and-line errors."""

from pathlib import Path

import pytest

from hallbar.frameworks.loader import LibraryError, load_all, parse_file
from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library

V1 = """\
urn: urn:hallbar:library:test
version: 1
kind: goals
name: {sv: Testmål, en: Test goals}
items:
  - urn: urn:hallbar:test:1
    ref: "1"
    level: goal
    name: {sv: Ett, en: One}
  - urn: urn:hallbar:test:1.1
    parent: urn:hallbar:test:1
    ref: "1.1"
    level: target
    name: {sv: Ett ett, en: One one}
  - urn: urn:hallbar:test:2
    ref: "2"
    level: goal
    name: {sv: Två, en: Two}
"""

V2 = V1.replace("version: 1", "version: 2").replace("{sv: Ett, en: One}", "{sv: Ett (nytt), en: One (new)}")
V2 = V2[: V2.index("  - urn: urn:hallbar:test:2")]  # item 2 was removed in version 2


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_shipped_libraries_are_loaded_completely():
    assert Library.objects.count() >= 11
    sdg = Library.objects.get(urn="urn:hallbar:library:sdg")
    assert sdg.items.filter(level="goal").count() == 17
    assert sdg.items.filter(level="target").count() == 169
    assert FrameworkItem.objects.get(urn="urn:hallbar:sdg:goal:13").name_sv
    assert Library.objects.get(urn="urn:hallbar:library:miljomal").items.filter(level="objective").count() == 16
    iso37101 = Library.objects.get(urn="urn:hallbar:library:iso37101").items
    assert iso37101.filter(level="purpose").count() == 6 and iso37101.filter(level="issue").count() == 12
    assert ItemMapping.objects.filter(library__urn="urn:hallbar:library:mapping-miljomal-sdg").count() > 16
    for library in Library.objects.exclude(kind="mapping"):
        assert not library.items.filter(name_en="").exists(), library.urn


@pytest.mark.django_db
def test_loading_is_idempotent():
    first = {item.urn: item.pk for item in FrameworkItem.objects.all()}
    report = load_all()
    assert not report.loaded and not report.errors
    assert {item.urn: item.pk for item in FrameworkItem.objects.all()} == first


@pytest.mark.django_db
def test_new_version_updates_in_place_and_withdraws_removed_items(tmp_path):
    load_all([write(tmp_path, "test.yaml", V1)])
    one = FrameworkItem.objects.get(urn="urn:hallbar:test:1")
    report = load_all([write(tmp_path, "test.yaml", V2)])
    assert report.loaded == ["test.yaml v2"]
    one.refresh_from_db()
    assert one.name_en == "One (new)"  # same row, same id: links to it survive
    assert FrameworkItem.objects.get(urn="urn:hallbar:test:2").is_deprecated
    assert FrameworkItem.objects.get(urn="urn:hallbar:test:1.1").parent == one


@pytest.mark.django_db
def test_older_version_is_refused(tmp_path):
    load_all([write(tmp_path, "test.yaml", V2)])
    report = load_all([write(tmp_path, "test.yaml", V1)])
    assert "older" in str(report.errors[0])


@pytest.mark.django_db
def test_broken_reference_fails_whole_file_with_line_and_keeps_previous_version(tmp_path):
    load_all([write(tmp_path, "test.yaml", V1)])
    broken = V2.replace("parent: urn:hallbar:test:1\n", "parent: urn:hallbar:test:9\n")
    report = load_all([write(tmp_path, "test.yaml", broken)])
    error = report.errors[0]
    assert isinstance(error, LibraryError)
    assert (error.path.name, error.line) == ("test.yaml", 10)
    assert "urn:hallbar:test:9" in error.message
    assert Library.objects.get(urn="urn:hallbar:library:test").version == 1
    assert FrameworkItem.objects.get(urn="urn:hallbar:test:1").name_en == "One"


@pytest.mark.django_db
def test_mapping_to_unknown_item_rolls_back(tmp_path):
    mapping = write(
        tmp_path,
        "map.yaml",
        """\
urn: urn:hallbar:library:test-map
version: 1
kind: mapping
name: {en: Map}
requires: [urn:hallbar:library:sdg]
mappings:
  - {source: urn:hallbar:sdg:target:13.2, target: urn:hallbar:sdg:target:7.2, relation: related}
  - {source: urn:hallbar:sdg:target:13.2, target: urn:hallbar:nowhere:1, relation: related}
""",
    )
    report = load_all([mapping])
    assert report.errors and report.errors[0].line == 8
    assert not Library.objects.filter(urn="urn:hallbar:library:test-map").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("urn: urn:hallbar:library:x\nversion: one\nkind: goals\nname: {en: X}\n", "version"),
        ("urn: URN:Bad\nversion: 1\nkind: goals\nname: {en: X}\n", "not a valid URN"),
        ("urn: urn:hallbar:library:x\nversion: 1\nkind: poems\nname: {en: X}\n", "kind"),
        (
            "urn: urn:hallbar:library:x\nversion: 1\nkind: goals\nname: {en: X}\nitems:\n  - {urn: urn:hallbar:x:1}\n",
            "level",
        ),
        ("urn: urn:hallbar:library:x\nversion: 1\nkind: goals\nname: [unclosed\n", "not valid YAML"),
    ],
)
def test_invalid_files_are_described(tmp_path, text, message):
    with pytest.raises(LibraryError) as error:
        parse_file(write(tmp_path, "x.yaml", text))
    assert message in str(error.value)
    assert "x.yaml" in str(error.value)


@pytest.mark.django_db
def test_library_browser_and_search(world_a, client_for):
    client = client_for(world_a.user("reader"))
    assert "Agenda 2030" in client.get("/frameworks/").content.decode()
    page = client.get("/frameworks/search/", {"q": "13.2"}).content.decode()
    assert "urn:hallbar:sdg:target:13.2" in page or "/frameworks/item/urn:hallbar:sdg:target:13.2/" in page
    item = client.get("/frameworks/item/urn:hallbar:miljomal:1/")
    assert item.status_code == 200
    assert "13.2" in item.content.decode()  # cross-mapping to the SDG target is shown
    english = client_for(world_a.user("reader"))
    english.cookies["hallbar_language"] = "en"
    assert "Reduced Climate Impact" in english.get("/frameworks/item/urn:hallbar:miljomal:1/").content.decode()
