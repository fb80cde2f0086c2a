from django.db import migrations

from claims.database import record_tokens


class Migration(migrations.Migration):
    """The tokens of a statement's claim and actors replaced by database triggers on
    every write to the statement or its quotes, whatever wrote, instead of by the ORM's
    signals alone (claims.database.record_tokens)."""

    dependencies = [
        ("claims", "0020_search_token_on_date_change"),
    ]

    operations = [
        migrations.RunPython(record_tokens.create, record_tokens.drop),
    ]
