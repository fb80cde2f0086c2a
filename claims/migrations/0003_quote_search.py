from django.db import migrations

from claims.database import search


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_quote_triggers")]

    operations = [migrations.RunPython(search.create, search.drop)]
