"""The data set's download streams: its first bytes leave before any table is read,
and ten times the statements take neither more memory nor more queries."""

from __future__ import annotations

import gc
import io
import tracemalloc
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Quote, Statement
from tests.api.test_export_scale import Corpus

DOWNLOAD = "/data/claimtracker-data.zip"
SMALL, LARGE = 2_000, 20_000
TABLES = ("claims_statement", "claims_quote", "sources_article", "claims_actor")


def data_queries(captured) -> list[str]:
    # Not the session or cache bookkeeping, nor savepoints: constant per request.
    return [
        q["sql"]
        for q in captured.captured_queries
        if "claimtracker_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def measure(client) -> dict:
    """Peak traced memory, bytes and queries of one download, read chunk by chunk."""
    gc.collect()
    with CaptureQueriesContext(connection) as captured:
        tracemalloc.start()
        try:
            response = client.get(DOWNLOAD)
            size = sum(len(chunk) for chunk in response.streaming_content)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return {"peak": peak, "size": size, "queries": len(data_queries(captured))}


@pytest.fixture
def corpus(db):
    return Corpus()


def test_the_first_bytes_leave_before_any_table_is_read(corpus, client):
    corpus.grow_to(SMALL)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DOWNLOAD)
        chunks = iter(response.streaming_content)
        first = next(chunks)
        read_before = data_queries(captured)
        rest = b"".join(chunks)
    # A zip's first member, the descriptor, is on its way ...
    assert first.startswith(b"PK\x03\x04")
    assert b"datapackage.json" in first
    # ... and only the version has been read: no row of any table yet.
    assert not [sql for sql in read_before if any(f'FROM "{table}"' in sql for table in TABLES)], (
        read_before
    )
    assert len(first) < len(rest) / 10
    with zipfile.ZipFile(io.BytesIO(first + rest)) as archive:
        lines = archive.read("statements.csv").count(b"\r\n")
    assert lines == SMALL + 1


def test_memory_and_queries_stay_flat_from_2000_to_20000_statements(corpus, client, figure):
    corpus.grow_to(SMALL)
    measure(client)  # warm up: imports and caches, once per process
    small = measure(client)
    corpus.grow_to(LARGE)
    large = measure(client)
    assert Quote.objects.count() > LARGE
    assert large["size"] > 5 * small["size"], (small, large)  # the rows were streamed
    # Flat: a chunk of rows at a time, never a whole table. Were memory linear in the
    # rows, the large download would need about ten times as much.
    assert large["peak"] < 2 * small["peak"] + 1_000_000, (small, large)
    # One query per table and the version's, however many rows.
    assert large["queries"] == small["queries"] <= 16, (small, large)
    figure(
        f"data set zip: {SMALL:,} -> {LARGE:,} statements, {small['size']:,} -> "
        f"{large['size']:,} bytes, peak memory {small['peak']:,} -> {large['peak']:,} bytes, "
        f"{large['queries']} queries"
    )


def test_the_page_reads_a_bounded_number_of_queries(corpus, client, django_assert_max_num_queries):
    corpus.grow_to(SMALL)
    with django_assert_max_num_queries(12):
        assert client.get("/data/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/data/datapackage.json").status_code == 200
    assert Statement.objects.count() == SMALL
