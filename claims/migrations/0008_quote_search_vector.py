"""PostgreSQL: store each quote's search vector instead of indexing an expression.

See claims.database.search: reading the newest statements first and testing their quotes
no longer recomputes to_tsvector per quote. Adding the column rewrites claims_quote
(about a minute for two million quotes). Nothing changes on SQLite.
"""

from django.db import migrations

from claims.database import search


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_statement_party")]

    operations = [migrations.RunPython(search.store_vector, search.unstore_vector)]
