"""Quote search at run time: the statements whose quotes match what a user typed.

PostgreSQL matches the stored `search_vector` with websearch_to_tsquery, which accepts
anything a user types; SQLite matches the FTS5 table. Both are created, and the reasons
for their shape given, in `claims.database.search`.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w+", re.UNICODE)

POSTGRESQL_MATCHING_STATEMENTS = (
    "SELECT statement_id FROM claims_quote "
    "WHERE search_vector @@ websearch_to_tsquery('english'::regconfig, %s)"
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
