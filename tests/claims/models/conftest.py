"""The actors the model tests share."""

from __future__ import annotations

import pytest

from claims.models import Actor
from tests.factories import make_actor


@pytest.fixture
def iran() -> Actor:
    return make_actor(name="Iran", slug="iran", kind="state", aliases=("Tehran",))


@pytest.fixture
def kanaani(iran) -> Actor:
    return make_actor(
        name="Nasser Kanaani",
        slug="nasser-kanaani",
        kind="person",
        speaks_for=iran,
        aliases=("Kannani",),
    )
