from django.db import migrations

from claims import quote_search


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_quote_triggers")]

    operations = [migrations.RunPython(quote_search.create, quote_search.drop)]
