"""Full-text search over quote text, indexed on both databases.

PostgreSQL: a GIN index on to_tsvector('english', text), queried with
websearch_to_tsquery, which accepts anything a user types. SQLite: an FTS5 table kept
in sync by triggers, with the Porter stemmer so both databases match "supplied" for
"supply". The SQL here must match the index expressions in migration 0003 exactly, or
PostgreSQL will not use the index.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from claims.quote_triggers import run_for_vendor

WORD = re.compile(r"\w+", re.UNICODE)

POSTGRESQL_MATCHING_STATEMENTS = (
    "SELECT statement_id FROM claims_quote "
    "WHERE to_tsvector('english'::regconfig, text) "
    "@@ websearch_to_tsquery('english'::regconfig, %s)"
)
SQLITE_MATCHING_STATEMENTS = (
    "SELECT statement_id FROM claims_quote WHERE id IN "
    "(SELECT rowid FROM claims_quote_fts WHERE claims_quote_fts MATCH %s)"
)


def search_words(query: str) -> list[str]:
    return WORD.findall(query)


def matching_statement_ids(query: str) -> RawSQL:
    """A subquery of the ids of statements with a quote matching every word of `query`."""
    if connection.vendor == "postgresql":
        return RawSQL(POSTGRESQL_MATCHING_STATEMENTS, [query])
    # FTS5 has its own query language; quoting each word makes any input a plain
    # AND of words, so a stray quote or operator cannot turn into a syntax error.
    match = " ".join('"' + word.replace('"', "") + '"' for word in search_words(query))
    return RawSQL(SQLITE_MATCHING_STATEMENTS, [match])


SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE claims_quote_fts USING fts5(
        text, content='claims_quote', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER claims_quote_fts_insert AFTER INSERT ON claims_quote BEGIN
        INSERT INTO claims_quote_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER claims_quote_fts_delete AFTER DELETE ON claims_quote BEGIN
        INSERT INTO claims_quote_fts(claims_quote_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER claims_quote_fts_update AFTER UPDATE OF text ON claims_quote BEGIN
        INSERT INTO claims_quote_fts(claims_quote_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO claims_quote_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO claims_quote_fts(claims_quote_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_quote_fts_insert",
    "DROP TRIGGER IF EXISTS claims_quote_fts_delete",
    "DROP TRIGGER IF EXISTS claims_quote_fts_update",
    "DROP TABLE IF EXISTS claims_quote_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE INDEX claims_quote_text_search ON claims_quote "
    "USING gin (to_tsvector('english'::regconfig, text))",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS claims_quote_text_search"]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})
