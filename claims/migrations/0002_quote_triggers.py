from django.db import migrations

from claims.database import quote_body


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(quote_body.create, quote_body.drop),
    ]
