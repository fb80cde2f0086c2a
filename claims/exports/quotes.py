"""Quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), so
annotation tools and linked-data users can load the evidence: each quote targets its
article with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector
(start, end in code points, as the model specifies characters)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet

from claims.exports.statements import LineSink
from claims.models import Quote

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CHUNK_SIZE = 2000


def quotes_for_export() -> QuerySet[Quote]:
    # The quote carries its own text: an article's body, often thousands of characters
    # and read again for every quote of it, is left in the database.
    return (
        Quote.objects.select_related(
            "article__outlet", "statement__actor", "statement__claim", "statement__speaker"
        )
        .defer("article__body", "article__note", "article__outlet__note")
        .order_by("id")
    )


def quote_record(quote: Quote, absolute_url: Callable[[str], str]) -> dict:
    statement, article = quote.statement, quote.article
    return {
        "id": quote.pk,
        "statement": statement.pk,
        "statement_url": absolute_url(statement.get_absolute_url()),
        "actor": statement.actor.slug,
        "stance": statement.stance,
        "claim": statement.claim.slug,
        "article": article.pk,
        "article_url": article.url,
        "outlet": article.outlet.slug,
        "published_on": article.published_on.isoformat(),
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "prefix": quote.prefix,
        "suffix": quote.suffix,
    }


def web_annotation(quote: Quote, absolute_url: Callable[[str], str]) -> dict:
    statement, article = quote.statement, quote.article
    source = article.url or absolute_url(article.get_absolute_url())
    who = statement.actor.name + (f" ({statement.speaker.name})" if statement.speaker else "")
    return {
        "id": absolute_url(f"/api/v1/quotes/{quote.pk}/"),
        "type": "Annotation",
        "motivation": "describing",
        "created": article.published_on.isoformat(),
        "body": {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "value": f"{who} {statement.stance}: {statement.claim.text} "
            f"({statement.made_on_display})",
            "id": absolute_url(statement.get_absolute_url()),
        },
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.text,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                },
                {"type": "TextPositionSelector", "start": quote.start, "end": quote.end},
            ],
        },
    }


def annotation_page_chunks(quotes: QuerySet[Quote], absolute_url) -> Iterator[str]:
    """One JSON-LD AnnotationPage, streamed item by item."""
    yield json.dumps({"@context": CONTEXT, "type": "AnnotationPage"})[:-1] + ', "items": [\n'
    for index, quote in enumerate(quotes.iterator(chunk_size=CHUNK_SIZE)):
        prefix = ",\n" if index else ""
        yield prefix + json.dumps(web_annotation(quote, absolute_url), ensure_ascii=False)
    yield "\n]}\n"


def quote_records(quotes: QuerySet[Quote], absolute_url) -> Iterator[dict]:
    for quote in quotes.iterator(chunk_size=CHUNK_SIZE):
        yield quote_record(quote, absolute_url)


QUOTE_CSV_COLUMNS = (
    "id",
    "statement",
    "statement_url",
    "actor",
    "stance",
    "claim",
    "article",
    "article_url",
    "outlet",
    "published_on",
    "text",
    "start",
    "end",
    "prefix",
    "suffix",
)


def quote_csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(LineSink(), lineterminator="\r\n")
    yield writer.writerow(QUOTE_CSV_COLUMNS)
    for row in rows:
        yield writer.writerow([row[c] for c in QUOTE_CSV_COLUMNS])
