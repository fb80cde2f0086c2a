from django.db import migrations

from claims import quote_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(quote_triggers.create, quote_triggers.drop),
    ]
