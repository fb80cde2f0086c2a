from django.db import migrations

from claims.database import statement_token


class Migration(migrations.Migration):
    """The search token replaced only when a statement's date really changes, and the
    statements token only when an article really moves to another outlet: Django's
    save() sets every column, so the "UPDATE OF" triggers of 0018 fired on every edit
    (claims.database.statement_token)."""

    dependencies = [
        ("claims", "0019_actor_wikidata_id"),
    ]

    operations = [
        migrations.RunPython(statement_token.recreate, migrations.RunPython.noop),
    ]
