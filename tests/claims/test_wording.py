"""Names in sentences: possessives read as English does."""

from __future__ import annotations

import html

import pytest

from claims.templatetags.wording import possessive
from tests.factories import make_actor, make_statement


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Iran", "Iran's"),
        ("Dmitry Peskov", "Dmitry Peskov's"),
        ("the United States", "the United States'"),
        ("UNITED STATES", "UNITED STATES'"),
    ],
)
def test_a_possessive_takes_an_apostrophe_alone_after_a_final_s(name, expected):
    assert possessive(name) == expected


def test_an_actor_page_says_the_united_states_stance(client, db):
    actor = make_actor(name="United States", slug="united-states", kind="state")
    make_statement(actor=actor)

    page = html.unescape(client.get(f"/actors/{actor.slug}/").content.decode())

    assert "United States' stance on each claim has stayed the same" in page
    assert "States's" not in page
