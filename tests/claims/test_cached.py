"""claims.cached: a value computed once per data version, and a new version at every
write and again at its commit."""

from __future__ import annotations

import pytest

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
