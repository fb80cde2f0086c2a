"""A small newsroom for the assistant's tests: states, an organisation, an outlet and
people with aliases and titles, and a few claims; and proposals for a body written for
the test."""

from __future__ import annotations

import datetime

import pytest

from assistant.proposals import propose
from tests.api.conftest import (  # noqa: F401  (the API clients of the cast, by role)
    administrator_api,
    anonymous_api,
    api_as,
    editor_api,
    reader_api,
)
from tests.factories import make_actor, make_article, make_claim

PUBLISHED_ON = datetime.date(2022, 10, 20)  # a Thursday


@pytest.fixture
def newsroom(db):
    iran = make_actor(name="Iran", slug="iran", aliases=("Tehran",))
    russia = make_actor(name="Russia", slug="russia", aliases=("Moscow", "Kremlin"))
    us = make_actor(name="United States", slug="us", aliases=("US", "U.S.", "Washington"))
    make_actor(name="European Union", slug="eu", kind="organisation", aliases=("EU",))
    make_actor(name="The Washington Post", slug="washington-post", kind="media")
    people = {
        "nasser-kanaani": ("Nasser Kanaani", iran, "Iranian Foreign Ministry spokesman", ()),
        "maria-zakharova": (
            "Maria Zakharova",
            russia,
            "Russian Foreign Ministry spokeswoman",
            ("Zakharova",),
        ),
        "dmitry-peskov": ("Dmitry Peskov", russia, "Kremlin spokesman", ("Dmytro Peskov",)),
        "antony-blinken": ("Antony Blinken", us, "US Secretary of State", ("Blinken",)),
    }
    for slug, (name, body, description, aliases) in people.items():
        make_actor(
            name=name,
            slug=slug,
            kind="person",
            speaks_for=body,
            description=description,
            aliases=aliases,
        )
    make_claim(slug="iran-supplied-drones", text="Iran supplied attack drones to Russia")
    make_claim(slug="russia-sought-drones", text="Russia sought to buy drones from Iran")
    make_claim(slug="iran-supplied-missiles", text="Iran supplied ballistic missiles to Russia")
    make_claim(slug="bank-raises-rates", text="The central bank will raise interest rates")


@pytest.fixture
def proposals_for(newsroom):
    def proposals(body: str, published_on: datetime.date = PUBLISHED_ON):
        return propose(make_article(body=body, published_on=published_on))

    return proposals


@pytest.fixture
def only(proposals_for):
    """The one proposal a sentence gives."""

    def one(body: str, published_on: datetime.date = PUBLISHED_ON):
        found = proposals_for(body, published_on)
        assert len(found) == 1, [p.as_json() for p in found]
        return found[0]

    return one
