"""Statement rows in the contract's shape, streamed as CSV or JSON Lines.

Rows are read in chunks (a server-side cursor on PostgreSQL) and the quotes of each
chunk are read in one query as plain values, so memory stays flat however many
statements are exported.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.utils.text import slugify

from claims.models import Quote, Statement

CHUNK_SIZE = 2000

QUOTE_FIELDS = ("article", "article_url", "outlet", "published_on", "text", "start", "end")
# Where each of QUOTE_FIELDS is read from, starting at a quote.
QUOTE_LOOKUPS = (
    "article_id",
    "article__url",
    "article__outlet__slug",
    "article__published_on",
    "text",
    "start",
    "end",
)
# The record's fields after the contract's first ones, in the CSV and JSON alike: the
# Wikidata ids of the actor and the speaker (None, an empty CSV field, when not known).
ADDED_FIELDS = ("actor_wikidata", "speaker_wikidata")
CSV_COLUMNS = (
    "id",
    "claim",
    "claim_text",
    "actor",
    "actor_name",
    "speaker",
    "speaker_name",
    "stance",
    "made_on",
    "made_on_precision",
    "date_wording",
    *(f"quote_{field}" for field in QUOTE_FIELDS),
    "quote_count",
    "url",
    # Added after the contract's first columns, so they come last (add, never reorder).
    *ADDED_FIELDS,
)


def quote_record(quote) -> dict:
    article = quote.article
    return {
        "article": article.pk,
        "article_url": article.url,
        "outlet": article.outlet.slug,
        "published_on": article.published_on.isoformat(),
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
    }


def statement_record(
    statement: Statement, absolute_url: Callable[[str], str], quotes: list[dict] | None = None
) -> dict:
    """`quotes`: the statement's quote records when read ahead, else its prefetched quotes."""
    if quotes is None:
        quotes = [quote_record(quote) for quote in statement.quotes.all()]
    speaker = statement.speaker
    return {
        "id": statement.pk,
        "claim": {"slug": statement.claim.slug, "text": statement.claim.text},
        "actor": statement.actor.slug,
        "actor_name": statement.actor.name,
        "speaker": speaker.slug if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "stance": statement.stance,
        "made_on": statement.made_on.isoformat(),
        "made_on_precision": statement.made_on_precision,
        "date_wording": statement.date_wording,
        "quotes": quotes,
        "url": absolute_url(statement.get_absolute_url()),
        "actor_wikidata": statement.actor.wikidata_id or None,
        "speaker_wikidata": (speaker.wikidata_id or None) if speaker else None,
    }


def csv_row(record: dict) -> list:
    quotes = record["quotes"]
    first = quotes[0] if quotes else dict.fromkeys(QUOTE_FIELDS, "")
    return [
        record["id"],
        record["claim"]["slug"],
        record["claim"]["text"],
        record["actor"],
        record["actor_name"],
        record["speaker"] or "",
        record["speaker_name"] or "",
        record["stance"],
        record["made_on"],
        record["made_on_precision"],
        record["date_wording"],
        *(first[field] for field in QUOTE_FIELDS),
        len(quotes),
        record["url"],
        *(record[field] or "" for field in ADDED_FIELDS),
    ]


def quotes_by_statement(statement_ids: list[int]) -> dict[int, list[dict]]:
    """The quote records of these statements, in id order, from one query of values.

    Plain values rather than prefetched model instances: prefetching links each quote
    back to its statement, a reference cycle that only the cyclic garbage collector
    frees, and chunks of rows would pile up until it ran."""
    rows = (
        Quote.objects.filter(statement_id__in=statement_ids)
        .order_by("id")
        .values_list("statement_id", *QUOTE_LOOKUPS)
    )
    quotes = defaultdict(list)
    for statement_id, *values in rows:
        record = dict(zip(QUOTE_FIELDS, values, strict=True))
        record["published_on"] = record["published_on"].isoformat()
        quotes[statement_id].append(record)
    return quotes


def records(queryset: QuerySet[Statement], absolute_url) -> Iterator[dict]:
    """Export records of the statements, chunk by chunk; `queryset` prefetches nothing."""
    statements = queryset.iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(statements, CHUNK_SIZE)):
        quotes = quotes_by_statement([statement.pk for statement in chunk])
        for statement in chunk:
            yield statement_record(statement, absolute_url, quotes.get(statement.pk, []))


class LineSink:
    """A file-like sink for csv.writer that hands back each line instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    # RFC 4180: CRLF line ends, quotes doubled; UTF-8 with a BOM-less header row that
    # pandas.read_csv reads with no options.
    writer = csv.writer(LineSink(), lineterminator="\r\n")
    yield writer.writerow(CSV_COLUMNS)
    for record in rows:
        yield writer.writerow(csv_row(record))


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    for record in rows:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def export_filename(params, extension: str, noun: str = "statements") -> str:
    """A filename that says what the file holds: statements-actor-iran-stance-denied-<date>."""
    parts = [f"{key}-{value}" for key, values in params.lists() for value in values]
    described = slugify("-".join(parts))[:80].strip("-") or "all"
    return f"{noun}-{described}-{datetime.date.today().isoformat()}.{extension}"
