"""Database triggers that keep every statement backed by at least one quote, for the
writes validation does not see (QuerySet.update, raw SQL, other clients); the ORM path
is guarded, with a message, in claims.signals.

PostgreSQL checks at commit (a deferred constraint trigger), so a statement deleted in
the same transaction as its quotes, or given a new quote before its last one moves
away, is fine. SQLite cannot defer a trigger, and deletes a statement's quotes before
the statement itself, so there only moving a statement's last quote away is refused.
"""

from __future__ import annotations

from claims.database.vendor import run_for_vendor

MIGRATION = "0011_statements_keep_a_quote"
MESSAGE = "a statement keeps at least one quote"
TRIGGERS = ("claims_quote_keeps_its_statement_quoted",)

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER claims_quote_keeps_its_statement_quoted
    AFTER UPDATE OF statement_id ON claims_quote
    FOR EACH ROW
    WHEN OLD.statement_id IS NOT NEW.statement_id
        AND NOT EXISTS (SELECT 1 FROM claims_quote WHERE statement_id = OLD.statement_id)
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name};" for name in TRIGGERS]

POSTGRESQL_FORWARD = [
    f"""
    CREATE FUNCTION claims_statement_keeps_a_quote() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM claims_statement WHERE id = OLD.statement_id)
           AND NOT EXISTS (SELECT 1 FROM claims_quote WHERE statement_id = OLD.statement_id)
        THEN
            RAISE EXCEPTION '{MESSAGE}'
                USING ERRCODE = 'check_violation',
                      DETAIL = 'statement ' || OLD.statement_id || ' would have no quote';
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE CONSTRAINT TRIGGER claims_quote_keeps_its_statement_quoted
    AFTER DELETE OR UPDATE OF statement_id ON claims_quote
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION claims_statement_keeps_a_quote();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_quote_keeps_its_statement_quoted ON claims_quote;",
    "DROP FUNCTION IF EXISTS claims_statement_keeps_a_quote();",
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})
