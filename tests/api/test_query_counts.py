"""The statement list endpoint and the exports answer in a bounded number of queries,
whatever the data size.

Each is measured on a small and on a larger data set (several hundred statements, many
actors, persons speaking for states, claims and articles): the counts must be equal, so
no query runs per row. (The reader pages: tests/pages/test_query_counts.py.)
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Quote, Statement
from tests.factories import make_actor, make_article, make_claim

SENTENCES = [
    "Officials said the drones were supplied in secret.",
    "The ministry denied that any weapons were sent.",
    "A spokesman confirmed the delivery of spare parts.",
]
BODY = " ".join(SENTENCES)


def build(statements: int) -> None:
    states = [make_actor(kind="state") for _ in range(8)]
    people = [make_actor(kind="person", speaks_for=states[i % 8]) for i in range(8)]
    claims = [make_claim() for _ in range(6)]
    articles = [make_article(body=BODY) for _ in range(max(4, statements // 10))]
    stances = itertools.cycle(["asserted", "denied", "confirmed", "denied"])
    rows = []
    for n in range(statements):
        actor = people[n % 8] if n % 5 == 0 else states[n % 8]
        rows.append(
            Statement(
                actor=actor,
                speaker=people[n % 8] if n % 3 == 0 else None,
                claim=claims[n % 6],
                stance=next(stances),
                made_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n * 3),
                made_on_precision="day",
            )
        )
    Statement.objects.bulk_create(rows)
    quotes = []
    for n, statement in enumerate(Statement.objects.order_by("id")):
        for k in range(2):
            sentence = SENTENCES[(n + k) % 3]
            start = BODY.index(sentence)
            quotes.append(
                Quote(
                    statement=statement,
                    article=articles[(n + k) % len(articles)],
                    start=start,
                    end=start + len(sentence),
                    text=sentence,
                )
            )
    Quote.objects.bulk_create(quotes)


ENDPOINTS = ["/api/v1/statements/", "/api/v1/statements/?stance=denied"]
# A loose ceiling; what proves there is no N+1 is that the count stays the same.
MAX_QUERIES = 40


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
def test_list_query_counts_do_not_grow_with_the_data(client, django_assert_max_num_queries):
    build(40)
    small = {url: count_queries(client, url) for url in ENDPOINTS}
    build(400)
    for url in ENDPOINTS:
        with django_assert_max_num_queries(MAX_QUERIES):
            large = count_queries(client, url)
        assert large == small[url], (
            f"{url}: {small[url]} queries with 40 statements, {large} with 440"
        )


EXPORTS = [
    "/api/v1/statements/export.csv",
    "/api/v1/statements/export.jsonl?stance=denied",
    "/api/v1/quotes/export.csv",
    "/api/v1/quotes/annotations.jsonld",
]


@pytest.mark.django_db
def test_exports_read_in_chunks_not_per_row(client):
    build(30)
    small = [count_queries(client, url) for url in EXPORTS]
    build(600)
    large = [count_queries(client, url) for url in EXPORTS]
    # Chunks of 2,000 rows: 630 statements and 1,260 quotes fit in one.
    assert large == small
