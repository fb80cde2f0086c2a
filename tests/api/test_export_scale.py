"""Exports stream whole filtered lists with flat memory and a query count that grows
only with the number of chunks, not with the rows: ten times the statements must not
take ten times the memory, nor a query per row."""

from __future__ import annotations

import datetime
import gc
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.exports import statements as exports
from claims.models import Quote, Statement
from sources import text
from tests.factories import BODY, make_actor, make_article, make_claim

SMALL, LARGE = 2_000, 20_000
EXPORTS = ["/api/v1/statements/export.csv", "/api/v1/statements/export.jsonl"]
SPANS = [
    "no drones were supplied",
    "We have not supplied weapons to any of the belligerent countries",
    "Officials in Washington disagreed.",
]


class Corpus:
    """Statements made in bulk: a handful of actors, claims and articles, every
    statement backed by one or two valid quotes (the database refuses invalid ones)."""

    def __init__(self):
        self.actors = [make_actor(name=f"Bulk state {n}", slug=f"bulk-{n}") for n in range(4)]
        self.speaker = make_actor(
            name="Bulk spokesman", slug="bulk-spokesman", kind="person", speaks_for=self.actors[0]
        )
        self.claims = [make_claim() for _ in range(3)]
        self.articles = [make_article(body=BODY) for _ in range(2)]
        self.anchors = [text.anchor_text(BODY, span) for span in SPANS]
        self.size = 0

    def grow_to(self, size: int) -> None:
        new = [self.statement(n) for n in range(self.size, size)]
        made = Statement.objects.bulk_create(new, batch_size=2_000)
        quotes = []
        for n, statement in enumerate(made, start=self.size):
            quotes.append(self.quote(statement, n, 0))
            if n % 4 == 0:
                quotes.append(self.quote(statement, n, 1))
        Quote.objects.bulk_create(quotes, batch_size=2_000)
        self.size = size
        assert Statement.objects.count() == size

    def statement(self, n: int) -> Statement:
        actor = self.actors[n % len(self.actors)]
        return Statement(
            actor=actor,
            speaker=self.speaker if actor == self.actors[0] and n % 3 == 0 else None,
            claim=self.claims[n % len(self.claims)],
            stance=("asserted", "denied", "confirmed")[n % 3],
            made_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 3_650),
            made_on_precision="day",
            date_wording="on Monday" if n % 7 == 0 else "",
        )

    def quote(self, statement: Statement, n: int, which: int) -> Quote:
        anchored = self.anchors[(n + which) % len(self.anchors)]
        return Quote(
            statement=statement,
            article=self.articles[(n + which) % len(self.articles)],
            start=anchored.start,
            end=anchored.end,
            text=anchored.text,
            prefix=anchored.prefix,
            suffix=anchored.suffix,
        )


def stream(client, url: str) -> tuple[int, int]:
    """Bytes and lines of an export, consumed chunk by chunk as a client reads it."""
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return size, lines


def is_export_query(query: dict) -> bool:
    # Not the throttle's bookkeeping in the cache table, nor savepoints: constant per
    # request, and not what this test is about.
    sql = query["sql"]
    return "claimtracker_cache" not in sql and "SAVEPOINT" not in sql


def measure(client, url: str) -> dict:
    """Peak traced memory, size, lines and export queries of one streamed export."""
    gc.collect()
    with CaptureQueriesContext(connection) as captured:
        tracemalloc.start()
        try:
            size, lines = stream(client, url)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    queries = [q["sql"] for q in captured.captured_queries if is_export_query(q)]
    return {"peak": peak, "size": size, "lines": lines, "queries": len(queries)}


@pytest.fixture
def corpus(db):
    return Corpus()


def test_export_memory_and_queries_stay_flat_from_2000_to_20000_statements(corpus, client):
    corpus.grow_to(SMALL)
    for url in EXPORTS:
        stream(client, url)  # warm up: imports, caches and the like, once per process
    small = {url: measure(client, url) for url in EXPORTS}
    corpus.grow_to(LARGE)
    chunks = LARGE // exports.CHUNK_SIZE
    for url in EXPORTS:
        large = measure(client, url)
        header = 1 if url.endswith(".csv") else 0
        assert (small[url]["lines"], large["lines"]) == (SMALL + header, LARGE + header)
        assert large["size"] > 9 * small[url]["size"]  # ten times the rows were streamed
        # Flat: one chunk of rows is held at a time, never the whole export. Were memory
        # linear in the rows, the large export would need about ten times as much.
        assert large["peak"] < 2 * small[url]["peak"] + 1_000_000, (url, small[url], large)
        # A query or two per chunk of rows (the rows, their quotes), none per row.
        assert small[url]["queries"] <= 4, (url, small[url])
        assert large["queries"] <= small[url]["queries"] + 2 * chunks, (url, small[url], large)


def test_a_filtered_export_streams_only_its_rows_in_bounded_queries(corpus, client):
    corpus.grow_to(SMALL)
    url = "/api/v1/statements/export.csv?stance=denied&actor=bulk-0&year=2015"
    expected = Statement.objects.filter(
        stance="denied", actor__slug="bulk-0", made_on__year=2015
    ).count()
    assert expected > 0
    measured = measure(client, url)
    assert measured["lines"] == expected + 1
    assert measured["queries"] <= 6  # the rows, their quotes, and resolving the actor
