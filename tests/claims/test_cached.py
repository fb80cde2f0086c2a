"""claims.cached: a value computed once per data version, and a new version at every
write and again at its commit."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import cached
from tests.factories import make_actor, make_statement


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_replaces_the_data_version():
    # In a real transaction the version changes at the write and again at the commit,
    # so nothing computed from the data before the commit is read after it.
    state = make_actor(name="Cachedonia", slug="cachedonia")
    before = cached.data_version()
    make_statement(actor=state)
    after = cached.data_version()
    assert after != before
    assert cached.cached("answer", 1, lambda: "computed") == "computed"
    assert cached.cached("answer", 1, lambda: "again") == "computed"
    make_statement(actor=state)
    assert cached.cached("answer", 1, lambda: "recomputed") == "recomputed"


def test_the_cache_holds_the_aggregates_of_many_pages(db):
    # Django's database cache keeps 300 entries by default and culls a third past that,
    # which a few dozen pages (counts, facets, rows each) would reach.
    computed = []
    for page in range(1000):
        cached.cached("page", page, lambda: computed.append(1))
    for page in range(1000):
        cached.cached("page", page, lambda: computed.append(1))
    assert len(computed) == 1000


def test_a_page_reads_the_data_version_once(client, db):
    state = make_actor(name="Onceland", slug="onceland")
    make_statement(actor=state)
    client.get(state.get_absolute_url())  # its aggregates cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(state.get_absolute_url())
    assert response.status_code == 200
    reads = [q for q in captured.captured_queries if cached.VERSION_KEY in q["sql"]]
    assert len(reads) == 1  # four, one per cached aggregate, before


def test_a_write_in_a_request_is_seen_by_the_rest_of_it(db):
    cached.request_started()
    try:
        first = cached.data_version()
        assert cached.data_version() == first  # read once
        make_statement()  # its signals replace the version
        assert cached.data_version() != first
    finally:
        cached.request_finished()
    assert cached.data_version() != first
