"""Database triggers that refuse a quote whose text is not its article's body[start:end].

Model validation and the pre_save guard cover the ORM; these cover everything else
(bulk_create, QuerySet.update, raw SQL, other clients). Both databases count string
positions in characters (code points), as Python does.
"""

from __future__ import annotations

from claims.database import quoted_statements, search, spokespeople, statement_token, tallies
from claims.database.vendor import run_for_vendor

# The PostgreSQL trigger's name: bulk loads (claims.corpus) disable it by name.
POSTGRESQL_TRIGGER = "claims_quote_matches_body"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER claims_quote_matches_body_{event.lower()}
    BEFORE {event} ON claims_quote
    FOR EACH ROW
    WHEN NEW.text IS NOT (
        SELECT substr(body, NEW.start + 1, NEW."end" - NEW.start)
        FROM sources_article WHERE id = NEW.article_id
    ) OR NEW."end" > (SELECT length(body) FROM sources_article WHERE id = NEW.article_id)
    BEGIN
        SELECT RAISE(ABORT, 'quote text does not match article.body[start:end]');
    END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS claims_quote_matches_body_{event};" for event in ("insert", "update")
]

POSTGRESQL_FORWARD = [
    """
    CREATE FUNCTION claims_quote_matches_body() RETURNS trigger AS $$
    DECLARE
        article_body text;
    BEGIN
        SELECT body INTO article_body FROM sources_article WHERE id = NEW.article_id;
        IF NEW."end" > char_length(article_body)
           OR substr(article_body, NEW.start + 1, NEW."end" - NEW.start) IS DISTINCT FROM NEW.text
        THEN
            RAISE EXCEPTION 'quote text does not match article.body[start:end]'
                USING ERRCODE = 'check_violation',
                      DETAIL = 'article ' || NEW.article_id
                               || ' at ' || NEW.start || '-' || NEW."end";
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER claims_quote_matches_body
    BEFORE INSERT OR UPDATE ON claims_quote
    FOR EACH ROW EXECUTE FUNCTION claims_quote_matches_body();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_quote_matches_body ON claims_quote;",
    "DROP FUNCTION IF EXISTS claims_quote_matches_body();",
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


def ensure_sqlite_triggers(sender=None, using="default", **kwargs) -> None:
    """Recreate the SQLite triggers a later migration dropped.

    SQLite cannot alter most columns in place, so Django rebuilds a table (copy, drop,
    rename) on such migrations, and the triggers on the old table go with it. Run after
    every migrate (post_migrate), this puts back whatever is missing.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table')")
        present = {row[0] for row in cursor.fetchall()}
        if "claims_quote" not in present:
            return  # migrations not applied this far yet
        if not {"claims_quote_matches_body_insert", "claims_quote_matches_body_update"} <= present:
            for sql in [*SQLITE_REVERSE, *SQLITE_FORWARD]:
                cursor.execute(sql)
        search_triggers = {
            "claims_quote_fts_insert",
            "claims_quote_fts_delete",
            "claims_quote_fts_update",
        }
        for later in (spokespeople, quoted_statements, tallies, statement_token):
            if not set(later.TRIGGERS) <= present and applied(cursor, later.MIGRATION):
                for sql in [*later.SQLITE_REVERSE, *later.SQLITE_FORWARD]:
                    cursor.execute(sql)
        if "claims_quote_fts" in present and not search_triggers <= present:
            for sql in search.SQLITE_REVERSE[:3]:
                cursor.execute(sql)
            for sql in search.SQLITE_FORWARD[1:]:  # triggers, then rebuild
                cursor.execute(sql)


def applied(cursor, migration: str) -> bool:
    """Whether a migration of claims (one that makes triggers) has run here."""
    cursor.execute(
        "SELECT 1 FROM django_migrations WHERE app = 'claims' AND name = %s", [migration]
    )
    return cursor.fetchone() is not None
