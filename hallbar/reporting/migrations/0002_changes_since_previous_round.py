from django.db import migrations, models


def work_out_changes(apps, schema_editor):
    """Fill ``changes`` of reports approved before the field existed, round after round."""
    from hallbar.reporting.queries import snapshot_changes  # a pure function of two snapshots

    ReportingRound = apps.get_model("reporting", "ReportingRound")
    UnitReport = apps.get_model("reporting", "UnitReport")
    earlier: dict[int, list] = {}  # organisation → its rounds so far, by deadline
    for round_ in ReportingRound.objects.order_by("organisation_id", "deadline", "pk"):
        rounds = earlier.setdefault(round_.organisation_id, [])
        candidates = [other for other in rounds if other.deadline < round_.deadline]  # as queries.previous_round
        rounds.append(round_)
        if not candidates:
            continue
        previous = candidates[-1].pk
        before = dict(
            UnitReport.objects.filter(round_id=previous, status="approved").values_list("unit_id", "snapshot")
        )
        for report in UnitReport.objects.filter(round_id=round_.pk, status="approved"):
            report.changes = snapshot_changes(before.get(report.unit_id), report.snapshot or {})
            report.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="unitreport",
            name="changes",
            field=models.JSONField(
                blank=True, default=list, editable=False, verbose_name="changes since the previous round"
            ),
        ),
        migrations.RunPython(work_out_changes, migrations.RunPython.noop),
    ]
