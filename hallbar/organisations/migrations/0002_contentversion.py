# Moves portal.ContentVersion here (the table is kept and renamed): the per-organisation content version
# now also keys the internal pages' cached fragments (organisations.content).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0001_initial"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("number", models.PositiveBigIntegerField(default=0)),
                        (
                            "organisation",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="content_version",
                                to="organisations.organisation",
                            ),
                        ),
                    ],
                    options={"db_table": "portal_contentversion"},
                ),
            ],
        ),
        migrations.AlterModelTable(name="contentversion", table=None),
    ]
