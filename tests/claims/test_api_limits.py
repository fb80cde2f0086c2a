"""Exports stream with flat memory; API use is throttled with 429 and Retry-After."""

from __future__ import annotations

import datetime
import gc
import tracemalloc

from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims.exports import statements as exports
from claims.models import Quote, Statement
from tests.factories import make_actor, make_article, make_claim

SENTENCE = "Officials said the drones were supplied in secret."


def add_statements(count: int) -> None:
    actor, claim, article = make_actor(), make_claim(), make_article(body=SENTENCE)
    start = Statement.objects.count()
    Statement.objects.bulk_create(
        Statement(
            actor=actor,
            claim=claim,
            stance="asserted",
            made_on_precision="day",
            made_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 3000),
        )
        for n in range(count)
    )
    new = Statement.objects.order_by("id")[start:]
    Quote.objects.bulk_create(
        (
            Quote(statement=s, article=article, start=0, end=len(SENTENCE), text=SENTENCE)
            for s in new.iterator(chunk_size=5000)
        ),
        batch_size=5000,
    )


def peak_while_streaming(client, url: str) -> tuple[int, int]:
    gc.collect()  # model instances with prefetch caches are freed by the cyclic collector
    tracemalloc.start()
    response = client.get(url)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, size


EXPORTS = ["/api/v1/statements/export.csv", "/api/v1/statements/export.jsonl"]


def test_export_memory_stays_flat_as_the_rows_grow(db, client, monkeypatch):
    # Smaller chunks than production, so both sizes stream many chunks.
    monkeypatch.setattr(exports, "CHUNK_SIZE", 400)
    add_statements(2_400)
    for url in EXPORTS:
        peak_while_streaming(client, url)  # warm up: imports and one-time caches
    small = {url: peak_while_streaming(client, url) for url in EXPORTS}
    add_statements(7_200)
    for url in EXPORTS:
        large_peak, large_size = peak_while_streaming(client, url)
        small_peak, small_size = small[url]
        assert large_size > 3.5 * small_size  # four times the rows really were streamed
        # Flat: a chunk at a time is held, never the whole export.
        assert large_peak < 1.5 * small_peak, (url, small_peak, large_peak)


def test_too_many_anonymous_requests_get_429_with_retry_after(db, monkeypatch):
    # The throttle reads its rates when the class is defined; patch them there.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    client = APIClient()
    codes = [client.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/claims/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    cache.clear()
