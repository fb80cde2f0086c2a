"""The API clients of the cast (tests/conftest.py) and the data the API tests share.

Each role's API client authenticates the way a script does, with a real knox token in an
`Authorization: Token <key>` header; `anonymous_api` sends no credentials.
"""

from __future__ import annotations

import datetime
import random
from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from claims.models import Actor, Claim, Quote, Statement
from tests.api.support import token_client
from tests.conftest import SharedSeed
from tests.factories import (
    ROLES,
    make_actor,
    make_article,
    make_claim,
    make_outlet,
    make_quote,
    make_statement,
)


@pytest.fixture
def anonymous_api(db):
    return APIClient()


@pytest.fixture
def reader_api(reader):
    return token_client(reader)


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


@pytest.fixture
def administrator_api(administrator):
    return token_client(administrator)


@pytest.fixture
def api_as(request):
    """api_as("editor") -> that role's API client (the fixture of the same name)."""

    def client(role: str) -> APIClient:
        assert role in ROLES, role
        return request.getfixturevalue(f"{role}_api")

    return client


@pytest.fixture
def world(db):
    """A small, complete data set made with the factories: one of everything, a
    statement with two quotes, and spare records nothing points to (deletable)."""
    outlet = make_outlet(slug="daily-news", name="Daily News")
    article = make_article(outlet=outlet, title="Drones article")
    state = make_actor(slug="persia", name="Persia", aliases=("Old Persia", "Parsa"))
    other_state = make_actor(slug="atlantis", name="Atlantis")
    person = make_actor(
        slug="a-spokesman", name="A Spokesman", kind="person", speaks_for=state, aliases=("Spox",)
    )
    claim = make_claim(slug="drones-supplied", text="Drones were supplied")
    statement = make_statement(actor=state, speaker=person, claim=claim, article=article)
    second_quote = make_quote(
        statement=statement,
        article=article,
        quoted="We have not supplied weapons to any of the belligerent countries",
    )
    return SimpleNamespace(
        outlet=outlet,
        article=article,
        state=state,
        other_state=other_state,
        person=person,
        claim=claim,
        statement=statement,
        first_quote=statement.quotes.order_by("start").first(),
        second_quote=second_quote,
        spare_outlet=make_outlet(slug="spare-outlet", name="Spare Outlet"),
        spare_article=make_article(outlet=outlet, title="Spare article"),
        spare_actor=make_actor(slug="spare-actor", name="Spare Actor"),
        spare_claim=make_claim(slug="spare-claim", text="A spare claim"),
    )


@pytest.fixture
def grown(seed):
    """The seed data plus 160 more statements, varied in actor, speaker, stance, claim,
    date and source (each backed by a copy of a real seed quote), so that most filters
    give more than one page on the statement list page (50 a page). Built once per
    module with the shared seed (tests/conftest.py, SharedSeed), else in the test."""
    if "grown" not in SharedSeed.added:
        grow_the_seed()


def grow_the_seed() -> None:
    rng = random.Random(6)
    seed_quotes = list(Quote.objects.order_by("id"))
    claims = list(Claim.objects.order_by("id"))
    parties = list(Actor.objects.exclude(kind="person").order_by("id"))
    for n in range(160):
        actor = parties[n % len(parties)] if n % 3 else Actor.objects.get(slug="iran")
        people = list(actor.spokespeople.order_by("id"))
        speaker = rng.choice(people) if people and rng.random() < 0.6 else None
        statement = Statement.objects.create(
            actor=actor,
            speaker=speaker,
            claim=rng.choice(claims),
            stance=rng.choice(["asserted", "denied", "confirmed"]),
            made_on=datetime.date(2021, 6, 1) + datetime.timedelta(days=rng.randrange(900)),
            made_on_precision="day",
        )
        source = rng.choice(seed_quotes)
        Quote.objects.create(
            statement=statement,
            article=source.article,
            start=source.start,
            end=source.end,
            text=source.text,
            prefix=source.prefix,
            suffix=source.suffix,
        )


SharedSeed.ADDITIONS["grown"] = grow_the_seed
