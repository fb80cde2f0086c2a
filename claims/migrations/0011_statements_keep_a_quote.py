from django.db import migrations

from claims.database import quoted_statements


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_spokesperson_rule")]

    operations = [migrations.RunPython(quoted_statements.create, quoted_statements.drop)]
