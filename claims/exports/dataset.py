"""The whole database as one citable data set: a zip of CSV files with a Frictionless
Data Package descriptor (datapackage.json, https://specs.frictionlessdata.io/).

The zip is streamed as it is made (claims.exports.zipstream): each table is read with
one query, in chunks, and its rows are compressed into the archive as they arrive, so
memory stays flat at a million statements and the first bytes leave before the last
row is read. Everything is read in one transaction (repeatable read on PostgreSQL, a
read transaction on SQLite), so the tables agree with each other and with the
version, whatever is written meanwhile.

The version is the time of the last change to the data: the newest entry of the
records' change history (every save and deletion writes one). Each member of the zip
carries that time, so the same data gives the same bytes, and a checksum identifies a
version.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import connections, router, transaction
from django.db.models import Max
from django.utils import timezone

from claims import queries
from claims.exports import copy as statement_copy
from claims.exports import quotes as quote_export
from claims.exports.dataset_tables import (
    ACTOR_ALIASES,
    ACTORS,
    ARTICLES,
    CLAIMS,
    OUTLETS,
    QUOTES,
    STATEMENTS,
    TABLES,
    Table,
)
from claims.exports.statements import LineSink
from claims.exports.zipstream import zip_chunks
from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from sources.models import Article, Outlet

CHUNK_ROWS = 2000
TITLE = "ClaimTracker: who claimed, denied and confirmed what"
DESCRIPTION = (
    "Dated statements by states, organisations, persons and media on tracked claims, "
    "each with its stance (asserted, denied, confirmed, noncommittal) and backed by "
    "verbatim quotes from published articles, anchored to character offsets in the "
    "articles' text."
)
# The project states no licence for its data; a package descriptor names one only
# when there is one to name (see README, "The data set").
LICENSES: list[dict] = []
# The records whose history dates the data, the models the tables are read from.
DATED_MODELS = (Outlet, Article, Actor, ActorAlias, Claim, Statement, Quote)
# Each plain table's columns, as lookups from its model (ARTICLES' "outlet" is a slug).
LOOKUPS = {
    OUTLETS.name: (Outlet, ("id", "slug", "name", "url", "note")),
    ARTICLES.name: (
        Article,
        ("id", "outlet__slug", "title", "url", "archive_url", "published_on", "language")
        + ("body", "note"),
    ),
    ACTORS.name: (
        Actor,
        ("id", "slug", "name", "kind", "speaks_for__slug", "description", "wikidata_id", "note"),
    ),
    ACTOR_ALIASES.name: (ActorAlias, ("id", "actor__slug", "name")),
    CLAIMS.name: (Claim, ("id", "slug", "text", "note")),
}


def read_database() -> str:
    """The database the data set is read from (a replica when there is one)."""
    return router.db_for_read(Statement)


def data_version(using: str | None = None) -> datetime.datetime:
    """The time of the last change to the data, to the second, in UTC: the newest
    change history entry of any record (one indexed read per table)."""
    using = using or read_database()
    latest = [
        model.history.using(using).aggregate(latest=Max("history_date"))["latest"]
        for model in DATED_MODELS
    ]
    changed = max((when for when in latest if when is not None), default=None)
    # Data with no recorded history (a bulk load) is dated by when it is read.
    changed = changed or timezone.now()
    return changed.astimezone(datetime.UTC).replace(microsecond=0)


def version_label(version: datetime.datetime) -> str:
    return version.strftime("%Y-%m-%dT%H:%M:%SZ")


def archive_name(version: datetime.datetime) -> str:
    return f"claimtracker-data-{version.strftime('%Y%m%dT%H%M%SZ')}.zip"


def citation(version: datetime.datetime, page_url: str) -> str:
    return (
        f"ClaimTracker ({version.year}). {TITLE} [Data set], version "
        f"{version_label(version)}. {page_url}"
    )


def descriptor(version: datetime.datetime, page_url: str) -> dict:
    """datapackage.json: every table with its columns, keys and relations."""
    package = {
        "profile": "tabular-data-package",
        "name": "claimtracker",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version_label(version),
        "homepage": page_url,
        "citation": citation(version, page_url),
        "resources": [resource(table) for table in TABLES],
    }
    if LICENSES:
        package["licenses"] = LICENSES
    return package


def resource(table: Table) -> dict:
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": table.path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        # RFC 4180 as the exports write it: commas, double quotes doubled, CRLF.
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": table.schema(),
    }


def table_lines(table: Table, using: str) -> Iterator[bytes]:
    """A plain table's CSV: the header, then its rows in id order, CHUNK_ROWS a chunk."""
    model, lookups = LOOKUPS[table.name]
    writer = csv.writer(LineSink(), lineterminator="\r\n")
    yield writer.writerow(table.column_names).encode()
    rows = model.objects.using(using).order_by("id").values_list(*lookups)
    rows = rows.iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield "".join(map(writer.writerow, chunk)).encode()


def statement_lines(using: str, absolute_url: Callable[[str], str]) -> Iterator[bytes]:
    """The statement export's CSV, from the same query (COPY on PostgreSQL)."""
    statements = queries.statements_for_export().using(using)
    yield from statement_copy.csv_chunks(statements, absolute_url)


def quote_lines(using: str, absolute_url: Callable[[str], str]) -> Iterator[bytes]:
    """The quote export's CSV."""
    quotes = quote_export.quotes_for_export().using(using)
    lines = quote_export.quote_csv_lines(quote_export.quote_records(quotes, absolute_url))
    while chunk := list(islice(lines, CHUNK_ROWS)):
        yield "".join(chunk).encode()


def members(
    using: str, version: datetime.datetime, page_url: str, absolute_url: Callable[[str], str]
) -> Iterator[tuple[str, Iterable[bytes]]]:
    described = json.dumps(descriptor(version, page_url), ensure_ascii=False, indent=2)
    # First, so a reader of the stream has the version and the columns at once.
    yield "datapackage.json", [described.encode() + b"\n"]
    for table in TABLES:
        if table is STATEMENTS:
            yield table.path, statement_lines(using, absolute_url)
        elif table is QUOTES:
            yield table.path, quote_lines(using, absolute_url)
        else:
            yield table.path, table_lines(table, using)


def package_chunks(
    page_url: str, absolute_url: Callable[[str], str], using: str | None = None
) -> Iterator:
    """The data set's version (a datetime), then the bytes of its zip, made as they
    are read: the caller names the file after the version before the first byte."""
    using = using or read_database()
    connection = connections[using]
    # Inside a caller's transaction (a test's), its snapshot is the one read.
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table: a statement written meanwhile is in all
            # of them (and the version) or in none. Must come before any read.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        version = data_version(using)
        yield version
        yield from zip_chunks(members(using, version, page_url, absolute_url), version)
