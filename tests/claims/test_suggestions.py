"""Similar actors, claims and statements (claims/suggestions.py): what the editor is
offered before recording a duplicate, on the seed data."""

from __future__ import annotations

import datetime

import pytest

from claims import suggestions
from claims.models import Statement
from tests.factories import make_actor, make_claim, make_statement

pytestmark = pytest.mark.usefixtures("seed")


def test_similar_statements_are_the_same_actor_and_claim_within_a_week():
    actor, claim = make_actor(), make_claim()
    day = datetime.date(2022, 10, 17)

    def at(offset: int, **overrides) -> Statement:
        fields = {"actor": actor, "claim": claim, "made_on": day + datetime.timedelta(offset)}
        return make_statement(**(fields | overrides))

    inside = [at(-7), at(0), at(7)]
    for offset in (-8, 8):
        at(offset)
    at(0, actor=make_actor())
    at(0, claim=make_claim())

    found = suggestions.similar_statements(actor=actor, claim=claim, made_on=day)
    assert list(found) == inside
    assert list(
        suggestions.similar_statements(
            actor=actor, claim=claim, made_on=day, exclude_id=inside[1].pk
        )
    ) == [inside[0], inside[2]]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Kiyv", ["ukraine"]),  # close to the alias Kyiv (and Kiev)
        ("  KIYV ", ["ukraine"]),
        ("Nasser Kanany", ["nasser-kanaani"]),
        ("Kanani", ["nasser-kanaani"]),
        ("Irann", ["iran"]),
        ("Tehran government", ["iran"]),  # contains an alias
        ("United States of America", ["us"]),
        ("Peskow", ["dmitry-peskov"]),
        ("Belarus", []),  # contains "us", an alias too short to mean anything
        ("Reuters", []),  # contains "eu"
        ("Venezuela", []),
        ("", []),
    ],
)
def test_similar_actors_match_names_and_aliases_by_spelling(typed, expected):
    assert [actor.slug for actor in suggestions.similar_actors(typed)] == expected


def test_similar_actors_are_limited():
    for n in range(8):
        make_actor(name=f"Ministry {n}", slug=f"ministry-{n}")
    assert len(suggestions.similar_actors("Ministry", limit=3)) == 3


def test_similar_claims_match_a_near_spelling_of_the_text():
    near = "iran supplied attack drones to russia for its war in ukrain"
    assert [c.slug for c in suggestions.similar_claims(near)] == ["iran-supplied-drones-to-russia"]
    assert suggestions.similar_claims("Iran sold tanks to Venezuela") == []
    assert suggestions.similar_claims("   ") == []
