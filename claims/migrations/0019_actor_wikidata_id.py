"""Actors get an optional Wikidata id: Q followed by digits, unique when present.

The column is added in place and, on SQLite, the check is a pair of triggers: see
claims.database.identifiers for why the table is not rebuilt.
"""

import django.core.validators
from django.db import migrations, models

from claims.database import identifiers

FIELD = dict(
    blank=True,
    help_text="The actor's item on wikidata.org, e.g. Q794 for Iran.",
    max_length=20,
    validators=[
        django.core.validators.RegexValidator(
            "\\AQ[1-9][0-9]*\\Z",
            "A Wikidata id is Q followed by digits, with no leading zero: Q794 for Iran.",
            "wikidata_id",
        )
    ],
    verbose_name="Wikidata id",
)
CHECK = models.CheckConstraint(
    condition=identifiers.wikidata_id_is_valid("wikidata_id"),
    name="actor_wikidata_id_valid",
    violation_error_message=(
        "A Wikidata id is Q followed by digits, with no leading zero: Q794 for Iran."
    ),
)


def add_column(apps, schema_editor):
    identifiers.add_text_column(schema_editor, "claims_actor", "wikidata_id", 20)


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE claims_actor DROP COLUMN wikidata_id")


def add_check(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in identifiers.wikidata_check_triggers("claims_actor", "wikidata_id"):
            schema_editor.execute(sql)
    else:
        schema_editor.add_constraint(apps.get_model("claims", "Actor"), CHECK)


def drop_check(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS claims_actor_wikidata_id_valid_{event}")
    else:
        schema_editor.remove_constraint(apps.get_model("claims", "Actor"), CHECK)


class Migration(migrations.Migration):
    dependencies = [("claims", "0018_statement_token")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="actor", name="wikidata_id", field=models.CharField(**FIELD)
                )
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.AddField(
            model_name="historicalactor", name="wikidata_id", field=models.CharField(**FIELD)
        ),
        migrations.AddConstraint(
            model_name="actor",
            constraint=models.UniqueConstraint(
                condition=models.Q(("wikidata_id", ""), _negated=True),
                fields=("wikidata_id",),
                name="actor_wikidata_id_unique",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddConstraint(model_name="actor", constraint=CHECK)],
            database_operations=[migrations.RunPython(add_check, drop_check)],
        ),
    ]
