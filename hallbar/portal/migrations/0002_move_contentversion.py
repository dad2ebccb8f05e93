# ContentVersion moved to organisations (its migration 0002 keeps and renames the table).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("organisations", "0002_contentversion"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ContentVersion")]),
    ]
