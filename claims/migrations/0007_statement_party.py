"""Store each statement's party (its actor's state or organisation, else the actor).

Derived, never typed in: Statement.save, Actor.save and the merges keep it. Stored so
that previous stances, position changes, actor histories and the actor facet read one
indexed column instead of joining through speaks_for with an OR, which made the
busiest actor's page take seconds at 10,000 statements.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE claims_statement SET party_id = COALESCE(
    (SELECT speaks_for_id FROM claims_actor WHERE claims_actor.id = claims_statement.actor_id),
    actor_id
)
"""


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_merged_slugs")]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="party",
            field=models.ForeignKey(
                editable=False,
                help_text="Derived: the actor's state or organisation, else the actor.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="party_statements",
                to="claims.actor",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="statement",
            name="party",
            field=models.ForeignKey(
                editable=False,
                help_text="Derived: the actor's state or organisation, else the actor.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="party_statements",
                to="claims.actor",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["party", "claim", "made_on", "id"], name="statement_party_thread_idx"
            ),
        ),
    ]
