from django.db import migrations

from claims.database import spokespeople


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_noncommittal_stance")]

    operations = [migrations.RunPython(spokespeople.create, spokespeople.drop)]
