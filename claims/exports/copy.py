"""Statement exports made by one SQL query, the database doing the row work.

A Python loop over model instances builds a few thousand rows a second; the database
builds them many times faster. So the export's query selects the finished CSV fields
(or, on PostgreSQL, the finished JSON line), and Python passes them on:
- on PostgreSQL from `COPY (query) TO STDOUT`, whose bytes need no Python per field (a
  Python loop over rows reaches only about a quarter of COPY's speed);
- on SQLite through csv.writer, the plain loop a sqlite3 script would write.
The bytes are those claims.exports.statements writes from model instances (tests compare the two
for every filter), so a client cannot tell which path ran.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet
from django.urls import reverse

from claims.exports import statements
from claims.exports.statements import CSV_COLUMNS, LineSink
from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article, Outlet

# COPY sends a message a row; handing each on alone would cost a socket write a row.
BATCH_BYTES = 256 * 1024

STATEMENT = Statement._meta.db_table
# The statement table keeps its own name (no alias): the filter's WHERE clause,
# compiled by Django, refers to it by that name.
S = f'"{STATEMENT}"'
CLAIM, ACTOR, QUOTE = Claim._meta.db_table, Actor._meta.db_table, Quote._meta.db_table
ARTICLE, OUTLET = Article._meta.db_table, Outlet._meta.db_table

JOINS = f"""
JOIN {CLAIM} c ON c.id = {S}.claim_id
JOIN {ACTOR} a ON a.id = {S}.actor_id
LEFT JOIN {ACTOR} sp ON sp.id = {S}.speaker_id"""
# The statement's URL is this prefix (the absolute URL of the statement list), its id
# and a slash, as Statement.get_absolute_url() makes it.
URL = f"%s || {S}.id || '/'"


def text(expression: str) -> str:
    """A text column as csv.writer writes it: COPY quotes an empty string ("") to tell
    it from NULL, where csv.writer writes nothing, so empty becomes NULL."""
    return f"NULLIF({expression}, '')"


def iso_date(expression: str, vendor: str) -> str:
    # SQLite keeps a date as its ISO text already.
    return f"to_char({expression}, 'YYYY-MM-DD')" if vendor == "postgresql" else expression


# Each statement's first quote (by id), its article and outlet. A join on the smallest
# id rather than LATERAL: SQLite has no LATERAL, and both plan it as an index lookup.
FIRST_QUOTE = f"""
LEFT JOIN {QUOTE} fq ON fq.id = (SELECT min(f.id) FROM {QUOTE} f WHERE f.statement_id = {S}.id)
LEFT JOIN {ARTICLE} far ON far.id = fq.article_id
LEFT JOIN {OUTLET} fo ON fo.id = far.outlet_id"""


def csv_select(vendor: str) -> str:
    """The export's CSV fields, in the order of claims.exports.statements.CSV_COLUMNS."""
    fields = (
        f"{S}.id",
        text("c.slug"),
        text("c.text"),
        text("a.slug"),
        text("a.name"),
        text("sp.slug"),
        text("sp.name"),
        text(f"{S}.stance"),
        iso_date(f"{S}.made_on", vendor),
        text(f"{S}.made_on_precision"),
        text(f"{S}.date_wording"),
        "fq.article_id",
        text("far.url"),
        text("fo.slug"),
        iso_date("far.published_on", vendor),
        text("fq.text"),
        "fq.start",
        'fq."end"',
        f"(SELECT count(*) FROM {QUOTE} n WHERE n.statement_id = {S}.id)",
        URL,
        text("a.wikidata_id"),
        text("sp.wikidata_id"),
    )
    if len(fields) != len(CSV_COLUMNS):
        raise AssertionError("csv_select must follow claims.exports.statements.CSV_COLUMNS")
    return ", ".join(fields)


def json_value(expression: str) -> str:
    """The JSON text of a value. PostgreSQL escapes strings as json.dumps does with
    ensure_ascii=False: the same short escapes, \\u00XX for other control characters,
    everything else as it is."""
    return f"COALESCE(to_json({expression})::text, 'null')"


def json_object(members: dict[str, str]) -> str:
    """SQL making the text of a JSON object with these keys in this order, spaced as
    json.dumps spaces it; each value is an expression that gives JSON text."""
    pieces = [f"'\"{key}\": ' || {value}" for key, value in members.items()]
    return "'{' || " + " || ', ' || ".join(pieces) + " || '}'"


QUOTE_JSON = json_object(
    {
        "article": json_value("q.article_id"),
        "article_url": json_value("ar.url"),
        "outlet": json_value("o.slug"),
        "published_on": json_value(iso_date("ar.published_on", "postgresql")),
        "text": json_value("q.text"),
        "start": json_value("q.start"),
        "end": json_value('q."end"'),
    }
)
QUOTES_JSON = f"""'[' || COALESCE((
    SELECT string_agg({QUOTE_JSON}, ', ' ORDER BY q.id)
    FROM {QUOTE} q
    JOIN {ARTICLE} ar ON ar.id = q.article_id
    JOIN {OUTLET} o ON o.id = ar.outlet_id
    WHERE q.statement_id = {S}.id
), '') || ']'"""
JSON_LINE = json_object(
    {
        "id": json_value(f"{S}.id"),
        "claim": json_object({"slug": json_value("c.slug"), "text": json_value("c.text")}),
        "actor": json_value("a.slug"),
        "actor_name": json_value("a.name"),
        "speaker": json_value("sp.slug"),
        "speaker_name": json_value("sp.name"),
        "stance": json_value(f"{S}.stance"),
        "made_on": json_value(iso_date(f"{S}.made_on", "postgresql")),
        "made_on_precision": json_value(f"{S}.made_on_precision"),
        "date_wording": json_value(f"{S}.date_wording"),
        "quotes": QUOTES_JSON,
        "url": json_value(URL),
        "actor_wikidata": json_value(text("a.wikidata_id")),
        "speaker_wikidata": json_value(text("sp.wikidata_id")),
    }
)


def export_query(queryset: QuerySet[Statement], select: str, url_prefix: str, joins: str = ""):
    """The SQL and parameters selecting `select` for the statements of `queryset`,
    newest first (the export's order), or None when no statement can match."""
    query = queryset.query
    where, params = "", []
    joined = {alias for alias, count in query.alias_refcount.items() if count} - {STATEMENT}
    try:
        if joined:
            # The filter joins other tables: select through it by id.
            ids, params = queryset.order_by().values("pk").query.sql_with_params()
            where = f"WHERE {S}.id IN ({ids})"
        elif query.where:
            # The filter reads the statement's own columns (and subqueries): keep its
            # WHERE clause as it is, so the plan is the plain filtered scan.
            sql, params = query.get_compiler(queryset.db).compile(query.where)
            where = f"WHERE {sql}"
    except FullResultSet:
        where, params = "", []
    except EmptyResultSet:
        return None
    sql = f"SELECT {select} FROM {S} {JOINS} {joins} {where} "
    sql += f"ORDER BY {S}.made_on DESC, {S}.id DESC"
    return sql, [url_prefix, *params]


def copy_rows(queryset: QuerySet, sql: str, params: list, options: str) -> Iterator[memoryview]:
    connection = connections[queryset.db]
    # COPY takes no bound parameters: psycopg quotes them into the text, client side.
    statement = connection.ops.compose_sql(f"COPY ({sql}) TO STDOUT {options}", params)
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        yield from copy


def batched(rows: Iterable[bytes | memoryview], line_end: bytes | None = None) -> Iterator[bytes]:
    """Rows joined into chunks of about BATCH_BYTES; `line_end` replaces each row's
    final newline."""
    batch, size = [], 0
    for row in rows:
        batch.append(row[:-1] if line_end else row)
        size += len(row)
        if size >= BATCH_BYTES:
            yield join(batch, line_end)
            batch, size = [], 0
    if batch:
        yield join(batch, line_end)


def join(rows: list, line_end: bytes | None) -> bytes:
    if line_end:
        return line_end.join(rows) + line_end
    return b"".join(rows)


def statement_url_prefix(absolute_url: Callable[[str], str]) -> str:
    return absolute_url(reverse("claims:statement-list"))


def csv_chunks(queryset: QuerySet[Statement], absolute_url: Callable[[str], str]):
    """The CSV export: the header row, then the rows, with RFC 4180's CRLF line ends."""
    yield (",".join(CSV_COLUMNS) + "\r\n").encode()
    vendor = connections[queryset.db].vendor
    prefix = statement_url_prefix(absolute_url)
    query = export_query(queryset, csv_select(vendor), prefix, FIRST_QUOTE)
    if query is None:
        return
    if vendor == "postgresql":
        # COPY ends each row with LF; a field's own newlines are inside quotes and kept.
        yield from batched(copy_rows(queryset, *query, "WITH (FORMAT csv)"), b"\r\n")
    else:
        yield from written_rows(queryset, *query)


def written_rows(queryset: QuerySet, sql: str, params: list) -> Iterator[bytes]:
    """The query's rows through csv.writer, a fetch of CHUNK_SIZE rows to a chunk."""
    writer = csv.writer(LineSink(), lineterminator="\r\n")
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        # statements.CHUNK_SIZE is read at each call, not bound at import: tests shrink it.
        while rows := cursor.fetchmany(statements.CHUNK_SIZE):
            yield "".join(map(writer.writerow, rows)).encode()


def jsonl_chunks(queryset: QuerySet[Statement], absolute_url: Callable[[str], str]):
    """The JSON Lines export. On PostgreSQL, COPY's CSV format with a quote character
    no JSON text holds (JSON escapes every control character) writes each line as it
    is, where the text format would double every backslash. SQLite's JSON functions
    escape otherwise than json.dumps, so there Python writes the lines."""
    if connections[queryset.db].vendor != "postgresql":
        yield from statements.jsonl_lines(statements.records(queryset, absolute_url))
        return
    query = export_query(queryset, JSON_LINE, statement_url_prefix(absolute_url))
    if query is not None:
        options = "WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
        yield from batched(copy_rows(queryset, *query, options))
