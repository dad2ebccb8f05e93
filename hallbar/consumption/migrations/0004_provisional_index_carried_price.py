from django.db import migrations, models

OLD_DEFAULT_SOURCE = "SCB, KPI annual average change, rebased to 2022 = 100"
NEW_DEFAULT_SOURCE = "SCB, KPI annual average change, rebased to 2022 = 100 (2025 provisional, January–August)"


def name_the_provisional_year(apps, schema_editor):
    """Settings given the shipped provisional 2025 value by 0003 say so in their source; own indexes stay."""
    ConsumptionSettings = apps.get_model("consumption", "ConsumptionSettings")
    for settings in ConsumptionSettings.objects.filter(index_source=OLD_DEFAULT_SOURCE):
        if settings.price_index.get("2025") == 112.35:
            settings.index_source = NEW_DEFAULT_SOURCE
            settings.save(update_fields=["index_source"])


class Migration(migrations.Migration):
    dependencies = [
        ("consumption", "0003_average_prices"),
    ]

    operations = [
        migrations.RunPython(name_the_provisional_year, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ledgeraggregate",
            name="method",
            field=models.CharField(
                choices=[
                    ("spend", "Spend-based"),
                    ("activity", "Activity-based"),
                    ("price", "Activity-based, quantity from an average price"),
                    ("carried_price", "Activity-based, quantity from another year's average price moved by the index"),
                    ("unmapped", "Not mapped"),
                ],
                max_length=16,
                verbose_name="method",
            ),
        ),
    ]
