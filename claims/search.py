"""Quote search at run time: the statements whose quotes match what a user typed, and
the words found marked in their quotes.

PostgreSQL matches the stored `search_vector` with websearch_to_tsquery, which accepts
anything a user types, and marks with ts_headline; SQLite matches the FTS5 table and
marks with its highlight(). Both are created, and the reasons for their shape given,
in `claims.database.search`.
"""

from __future__ import annotations

import json
import re
import secrets

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


def sqlite_match(query: str) -> str:
    # FTS5 has its own query language; quoting each word makes any input a plain
    # AND of words, so a stray quote or operator cannot turn into a syntax error.
    return " ".join('"' + word.replace('"', "") + '"' for word in search_words(query))


def matching_statement_ids(query: str) -> RawSQL:
    """A subquery of the ids of statements with a quote matching every word of `query`."""
    if connection.vendor == "postgresql":
        return RawSQL(POSTGRESQL_MATCHING_STATEMENTS, [query])
    return RawSQL(SQLITE_MATCHING_STATEMENTS, [sqlite_match(query)])


# Highlighting: the database marks the words it matched (stemmed, so "supply" marks
# "supplied") with sentinels made fresh for each call; the text is then escaped and only
# the sentinels become <mark>. A quote cannot contain a sentinel it cannot guess, so its
# text never becomes markup, whatever it holds.
POSTGRESQL_HIGHLIGHTS = (
    "SELECT id, text, ts_headline('english'::regconfig, text, "
    "websearch_to_tsquery('english'::regconfig, %s), %s) "
    "FROM claims_quote WHERE id = ANY(%s) "
    "AND search_vector @@ websearch_to_tsquery('english'::regconfig, %s)"
)
SQLITE_HIGHLIGHTS = (
    "SELECT q.id, q.text, highlight(claims_quote_fts, 0, %s, %s) "
    "FROM claims_quote_fts JOIN claims_quote q ON q.id = claims_quote_fts.rowid "
    "WHERE claims_quote_fts MATCH %s AND claims_quote_fts.rowid IN "
    "(SELECT value FROM json_each(%s))"
)


def highlighted_quotes(query: str, quote_ids: list[int]) -> dict[int, SafeString]:
    """The quotes among `quote_ids` that match `query`, as escaped HTML with the words
    found in <mark>: one query for all of them (a page's quotes)."""
    if not quote_ids or not search_words(query):
        return {}
    token = secrets.token_hex(8)
    start, stop = f"ctmark{token}start", f"ctmark{token}stop"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            options = f"StartSel={start}, StopSel={stop}, HighlightAll=true"
            cursor.execute(POSTGRESQL_HIGHLIGHTS, [query, options, list(quote_ids), query])
        else:
            match = sqlite_match(query)
            cursor.execute(SQLITE_HIGHLIGHTS, [start, stop, match, json.dumps(list(quote_ids))])
        rows = cursor.fetchall()
    highlighted = {}
    for pk, text, marked in rows:
        if marked.replace(start, "").replace(stop, "") != text:
            continue  # never show words the quote does not have: plain text instead
        escaped = str(escape(marked)).replace(start, "<mark>").replace(stop, "</mark>")
        highlighted[pk] = mark_safe(escaped)  # noqa: S308 - escaped above
    return highlighted


def highlight_statements(statements: list, query: str) -> list:
    """Give each quote of these statements (with their quotes prefetched) its
    `highlighted` text for `query`, None where it has no word of it."""
    quotes = [quote for statement in statements for quote in statement.quotes.all()]
    found = highlighted_quotes(query, [quote.pk for quote in quotes])
    for quote in quotes:
        quote.highlighted = found.get(quote.pk)
    return statements
