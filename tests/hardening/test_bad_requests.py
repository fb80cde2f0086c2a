"""Bad input, proven on every database: each request of the corpus (bad_requests/*.json,
one file per kind of badness) is sent to the API or an editor page by a user allowed
there, so that it reaches validation. Each answer is a 4xx (never a success, a redirect
into one, or a 500), names the field that is wrong (in the JSON error for the API, on
the re-rendered form for a page), and leaves every table of the database as it was.

The throttle counts refused requests too, rightly, in the cache; here the cache is kept
in memory so that its table, checked with the others, must not change either.
"""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.factories import make_user
from tests.hardening import corpus

ENTRIES = corpus.entries()
IN_MEMORY = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    for name in ("default", "aggregates")
}
PASSED: dict[str, int] = {}  # entry id -> tables checked


@pytest.fixture
def cast(seed) -> corpus.Cast:
    return corpus.Cast(lambda role: make_user(f"bad-input-{role}", role))


@override_settings(CACHES=IN_MEMORY)
@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.id for entry in ENTRIES])
def test_a_bad_request_is_refused_naming_the_field_and_changes_no_table(cast, entry):
    client, headers = cast.client(entry)
    before = corpus.table_checksums()
    response = corpus.send(client, headers, entry)
    after = corpus.table_checksums()

    said = response.content[:600]
    assert 400 <= response.status_code < 500, (entry.what, response.status_code, said)
    if entry.field is None:
        assert response.status_code == entry.status, (entry.what, response.status_code, said)
    assert corpus.shows_field(response, entry), (entry.what, entry.field, said)
    changed = sorted(table for table in before if before[table] != after[table])
    assert not changed, (entry.what, changed)
    PASSED[entry.id] = len(before)


def test_the_whole_corpus_was_refused_and_changed_nothing(figure):
    # Collected last (it needs no seed: tests/conftest.py runs the seed's tests first).
    if not PASSED:
        pytest.skip("no entry of the corpus ran in this session")
    missing = [entry.id for entry in ENTRIES if entry.id not in PASSED]
    assert not missing, f"these entries did not pass (or did not run): {missing}"
    kinds = {entry.kind for entry in ENTRIES}
    assert len(ENTRIES) >= 200 and len(kinds) >= 17, (len(ENTRIES), sorted(kinds))
    tables = min(PASSED.values())
    figure(
        f"bad input: {len(ENTRIES)} requests in {len(kinds)} kinds, all 4xx naming the "
        f"field, 0 of {tables} tables changed"
    )
