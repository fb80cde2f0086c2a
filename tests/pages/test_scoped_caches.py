"""Caches scoped to what they read (claims.cached): a statement's edit changes its own
claim's and actors' pages at once and leaves every other claim's and actor's cache warm."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_actor, make_claim, make_statement


def timeline_queries(client, claim) -> int:
    """How many times the claim page grouped the claim's statements into timeline points."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(claim.get_absolute_url()).status_code == 200
    return sum(
        "made_on_precision" in q["sql"]
        and "GROUP BY" in q["sql"]
        # Not the parties' first confirmations and last denials (queries.party_voices).
        and "(made_on) AS made_on" not in q["sql"]
        for q in captured
    )


def test_an_edit_on_one_claim_leaves_the_other_claims_timeline_cached(client, db):
    edited, other = make_claim(), make_claim()
    statement = make_statement(claim=edited, stance="denied")
    make_statement(claim=other)
    assert timeline_queries(client, other) == 1
    assert timeline_queries(client, edited) == 1

    statement.stance = "confirmed"
    statement.save()

    assert timeline_queries(client, other) == 0  # still cached
    assert timeline_queries(client, edited) == 1  # drawn again, with the new stance
    assert (
        'class="mark mark-confirmed"'
        in client.get(edited.get_absolute_url()).context["timeline_svg"]
    )


def test_a_persons_position_changes_follow_an_edit_by_another_voice_of_their_state(client, db):
    state = make_actor(kind="state")
    person = make_actor(kind="person", speaks_for=state)
    claim = make_claim()
    earlier = make_statement(
        actor=state, claim=claim, stance="asserted", made_on=datetime.date(2022, 1, 1)
    )
    make_statement(actor=person, claim=claim, stance="denied", made_on=datetime.date(2022, 2, 1))

    def changes() -> int:
        return client.get(person.get_absolute_url()).context["changes"].in_all

    assert changes() == 1  # asserted, then denied: the person changed the state's stance
    earlier.stance = "denied"
    earlier.save()  # a statement of the state, not of the person
    assert changes() == 0


def test_a_rolled_back_edit_leaves_no_cache_behind(client, db):
    from django.db import transaction

    claim = make_claim()
    statement = make_statement(claim=claim, stance="denied")
    client.get(claim.get_absolute_url())
    try:
        with transaction.atomic():
            statement.stance = "confirmed"
            statement.save()
            # Read inside the doomed transaction: cached under its token.
            assert (
                'class="mark mark-confirmed"'
                in client.get(claim.get_absolute_url()).context["timeline_svg"]
            )
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    svg = client.get(claim.get_absolute_url()).context["timeline_svg"]
    assert 'class="mark mark-confirmed"' not in svg and 'class="mark mark-denied"' in svg
