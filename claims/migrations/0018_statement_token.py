from django.db import migrations

from claims.database import statement_token


class Migration(migrations.Migration):
    """The "statements" token, replaced by triggers on every write to statements, quotes
    and articles' outlets (claims.database.statement_token)."""

    dependencies = [
        ("claims", "0017_party_thread_with_stance"),
    ]

    operations = [
        migrations.RunPython(statement_token.create, statement_token.drop),
    ]
