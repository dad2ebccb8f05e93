"""The catalogue snapshot: loaded after migrate, idempotent, fast when unchanged, and reloadable."""

from io import StringIO

import pytest
from django.core.management import call_command

from hallbar.kolada.models import GroupMember, KoladaState, Kpi, MunicipalityGroup
from hallbar.kolada.reference import load_snapshot, snapshot_hash

pytestmark = pytest.mark.django_db


def test_the_snapshot_is_loaded_after_migrate():
    assert Kpi.objects.count() == 6099
    assert MunicipalityGroup.objects.count() == 3630
    assert GroupMember.objects.count() == 26573
    assert KoladaState.get().snapshot_hash == snapshot_hash()
    kpi = Kpi.objects.get(pk="N00401")
    assert kpi.title == "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv"
    assert kpi.municipality_type == Kpi.MunicipalityType.BOTH
    assert kpi.operating_area == "Infrastruktur, miljö- och hälsoskydd mm"
    assert kpi.publication_date.isoformat() == "2026-06-09" and kpi.prel_publication_date is None
    assert kpi.publ_period == "2024" and kpi.is_divided_by_gender is False


def test_members_are_linked_to_municipalities_and_regions_keep_their_code():
    stockholm = GroupMember.objects.select_related("municipality").get(group_id="G92787", code="0180")
    assert stockholm.municipality.name == "Stockholm"
    assert set(GroupMember.objects.filter(group_id="G92787").values_list("code", flat=True)) == {"0180", "1280", "1480"}
    region = GroupMember.objects.filter(code__startswith="00").first()
    assert region is not None and region.municipality is None


def test_an_unchanged_snapshot_is_skipped_with_one_query(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert load_snapshot() is None


def test_reloading_writes_nothing_when_nothing_changed(django_assert_max_num_queries):
    # Only reads: state, KPIs, groups, municipalities, members (4 batches), the state saved; plus savepoints.
    with django_assert_max_num_queries(14):
        report = load_snapshot(force=True)
    assert not report.changed


def test_reloading_repairs_what_changed_and_keeps_extra_kpis():
    Kpi.objects.filter(pk="N00401").update(title="Changed", is_divided_by_gender=True)
    MunicipalityGroup.objects.filter(pk="G92787").update(title="Changed")
    GroupMember.objects.filter(group_id="G92787", code="1280").delete()
    GroupMember.objects.create(group_id="G92787", code="0114", title="Upplands Väsby")
    Kpi.objects.create(id="Z99999", title="From the API only")

    report = load_snapshot(force=True)

    assert (report.kpis_created, report.kpis_updated, report.groups_updated) == (0, 1, 1)
    assert (report.members_added, report.members_removed) == (1, 1)
    repaired = Kpi.objects.get(pk="N00401")
    assert repaired.title.startswith("Utsläpp") and not repaired.is_divided_by_gender
    assert set(GroupMember.objects.filter(group_id="G92787").values_list("code", flat=True)) == {"0180", "1280", "1480"}
    assert Kpi.objects.filter(pk="Z99999").exists()  # KPIs missing from a source are kept
    assert load_snapshot(force=True).changed is False


def test_a_new_snapshot_is_loaded_on_the_next_migrate():
    state = KoladaState.get()
    state.snapshot_hash = "an older snapshot"
    state.save()
    Kpi.objects.filter(pk="N00401").update(title="Stale")
    assert load_snapshot() is not None
    assert Kpi.objects.get(pk="N00401").title != "Stale"


def test_the_command_reloads_and_reports():
    out = StringIO()
    call_command("load_kolada_catalogue", stdout=out)
    assert "already loaded" in out.getvalue()
    call_command("load_kolada_catalogue", "--force", stdout=out)
    assert "0 KPIs created, 0 updated" in out.getvalue()
