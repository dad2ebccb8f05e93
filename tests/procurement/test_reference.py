"""The reference data: the full CPV list and the criteria library, loaded idempotently after migrate."""

import pytest

from hallbar.procurement import queries, reference
from hallbar.procurement.models import CpvCode, Criterion

pytestmark = pytest.mark.django_db


def test_the_whole_cpv_list_is_loaded_after_migrate_with_swedish_and_english_labels():
    assert CpvCode.objects.count() == 9454
    kerosene = CpvCode.objects.get(code="09131000")
    assert (kerosene.label_sv, kerosene.label_en) == ("Flygfotogen", "Aviation kerosene")
    assert kerosene.parent_id == "09130000"


def test_a_parent_that_is_not_a_code_is_resolved_to_the_next_existing_prefix():
    assert CpvCode.objects.get(code="60112000").parent_id == "60100000"
    assert CpvCode.objects.get(code="03000000").parent_id is None


def test_loading_again_writes_nothing():
    assert reference.load_reference() == (0, 0)


def test_a_changed_label_is_restored_and_a_criterion_dropped_from_the_library_is_kept_but_marked():
    CpvCode.objects.filter(code="09131000").update(label_en="Changed")
    Criterion.objects.create(
        key="old-criterion",
        kind="social",
        theme="employment",
        level="basic",
        title_sv="Gammalt",
        title_en="Old",
        text_sv="t",
        text_en="t",
        version=0,
    )
    assert reference.load_reference() == (1, 1)
    assert CpvCode.objects.get(code="09131000").label_en == "Aviation kerosene"
    assert not Criterion.objects.get(key="old-criterion").in_library


def test_a_new_library_version_updates_the_criterion_and_records_the_version():
    library = reference.criteria_library()
    changed = {
        **library,
        "version": library["version"] + 1,
        "criteria": [dict(library["criteria"][0], level="leading")],
    }
    reference.load_criteria(library=changed)
    criterion = Criterion.objects.get(key=library["criteria"][0]["key"])
    assert (criterion.level, criterion.version) == ("leading", library["version"] + 1)
    assert Criterion.objects.filter(in_library=True).count() == 1


def test_every_criterion_has_both_languages_a_theme_and_a_level():
    keys = [entry["key"] for entry in reference.criteria_library()["criteria"]]
    assert len(keys) == len(set(keys)) == Criterion.objects.count()
    for criterion in Criterion.objects.all():
        assert criterion.title_sv and criterion.title_en and criterion.text_sv and criterion.text_en
        assert criterion.theme in Criterion.Theme.values and criterion.level in Criterion.Level.values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0913100", "09131000"),
        ("09131000-9", "09131000"),
        ("flygfotogen", "09131000"),
        ("aviation kerosene", "09131000"),
    ],
)
def test_cpv_search_by_code_prefix_or_words(text, expected):
    assert expected in [code.code for code in queries.search_cpv(text)]


def test_cpv_search_is_limited_and_empty_for_no_text():
    assert len(queries.search_cpv("0")) == queries.CPV_SEARCH_LIMIT
    assert queries.search_cpv("  ") == []
