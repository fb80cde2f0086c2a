"""Articles get an optional archive URL (Wayback Machine or archive.today).

On SQLite the column is added in place: Django would rebuild the table, which drops
the triggers the claims app keeps on it (tallies) and fails on those of other tables
that name it. Checked by Article.clean (sources.archives), not a field validator.
"""

from django.db import migrations, models

FIELD = dict(
    blank=True,
    help_text="A copy in the Wayback Machine or archive.today, for when the original "
    "changes or goes away.",
    max_length=1000,
    verbose_name="archive URL",
)


def add_column(apps, schema_editor):
    schema_editor.execute(
        "ALTER TABLE sources_article ADD COLUMN archive_url varchar(1000) NOT NULL DEFAULT ''"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE sources_article ALTER COLUMN archive_url DROP DEFAULT")


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE sources_article DROP COLUMN archive_url")


class Migration(migrations.Migration):
    dependencies = [("sources", "0002_versions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article", name="archive_url", field=models.URLField(**FIELD)
                )
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.AddField(
            model_name="historicalarticle", name="archive_url", field=models.URLField(**FIELD)
        ),
    ]
