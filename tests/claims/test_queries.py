"""The reads the pages and the API share (claims/queries.py)."""

from __future__ import annotations

import pytest

from claims import queries


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        ("kannani", "nasser-kanaani"),
        ("Nasser Kanaani", "nasser-kanaani"),
        ("Kiev", "ukraine"),
        ("kyiv", "ukraine"),
        ("Dmytro Peskov", "dmitry-peskov"),
        (" dmitry-peskov ", "dmitry-peskov"),
        ("U.S.", "us"),
    ],
)
def test_an_actor_is_found_by_any_spelling_of_its_name(seed, spelling, slug):
    assert list(queries.actors_named([spelling]).values_list("slug", flat=True)) == [slug]


def test_an_unknown_name_finds_nobody(seed):
    assert not queries.actors_named(["Kanaan"]).exists()
