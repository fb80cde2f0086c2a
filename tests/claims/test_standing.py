"""Standing and position changes (claims/standing.py): derived from statements, never
typed in; and the database finds the same position changes as the rule in Python."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.models import Actor, Statement
from claims.standing import (
    Standing,
    changed_statement_ids,
    party_id,
    position_changes,
    standing_of,
)
from tests.factories import make_histories

IRAN = Actor(id=1, name="Iran", kind="state")
RUSSIA = Actor(id=2, name="Russia", kind="state")
US = Actor(id=3, name="United States", kind="state")
KANAANI = Actor(id=10, name="Nasser Kanaani", kind="person", speaks_for_id=IRAN.id)
PUKHOV = Actor(id=11, name="Ruslan Pukhov", kind="person")
DRONES, MISSILES = 100, 101


def statement(
    id: int,
    actor: Actor,
    stance: str,
    made_on: datetime.date,
    *,
    claim_id: int = DRONES,
    precision: str = "day",
) -> Statement:
    return Statement(
        id=id,
        actor=actor,
        claim_id=claim_id,
        stance=stance,
        made_on=made_on,
        made_on_precision=precision,
    )


def summary(changes) -> list[tuple[int, int, int, int]]:
    return [(c.party_id, c.claim_id, c.before.id, c.after.id) for c in changes]


# --- standing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ([], Standing.UNADDRESSED),
        (["asserted"], Standing.ASSERTED),
        (["asserted", "asserted"], Standing.ASSERTED),
        (["denied"], Standing.DENIED),
        (["asserted", "denied"], Standing.DISPUTED),
        (["denied", "asserted", "denied"], Standing.DISPUTED),
        (["confirmed"], Standing.CONFIRMED),
        (["denied", "confirmed"], Standing.CONFIRMED),
        (["asserted", "denied", "confirmed", "denied"], Standing.CONFIRMED),
    ],
)
def test_standing_follows_from_the_stances_taken(stances, expected):
    assert standing_of(stances) is expected


def test_standing_accepts_a_generator_of_stances():
    statements = [statement(1, US, "asserted", datetime.date(2022, 7, 11))]
    assert standing_of(s.stance for s in statements) is Standing.ASSERTED


def test_standing_reads_as_a_word_and_has_a_label():
    assert f"{Standing.DISPUTED}" == "disputed"
    assert Standing.DISPUTED.label == "disputed: asserted and denied"
    assert Standing.UNADDRESSED.label == "no statements yet"


# --- position changes ---------------------------------------------------------------------


def test_no_change_when_a_party_repeats_its_stance():
    statements = [
        statement(1, IRAN, "denied", datetime.date(2022, 7, 12)),
        statement(2, IRAN, "denied", datetime.date(2022, 10, 17)),
    ]
    assert position_changes(statements) == []


def test_a_change_is_found_in_date_order_whatever_the_input_order():
    november = statement(1, IRAN, "confirmed", datetime.date(2022, 11, 5))
    july = statement(2, IRAN, "denied", datetime.date(2022, 7, 12))
    october = statement(3, IRAN, "denied", datetime.date(2022, 10, 17))

    changes = position_changes([november, july, october])

    assert summary(changes) == [(IRAN.id, DRONES, october.id, november.id)]


def test_statements_on_the_same_day_are_read_in_id_order():
    later_entry = statement(7, RUSSIA, "confirmed", datetime.date(2022, 10, 18))
    earlier_entry = statement(3, RUSSIA, "denied", datetime.date(2022, 10, 18))

    changes = position_changes([later_entry, earlier_entry])

    assert summary(changes) == [(RUSSIA.id, DRONES, 3, 7)]


def test_changes_are_grouped_per_party_and_per_claim():
    statements = [
        statement(1, IRAN, "denied", datetime.date(2022, 7, 12)),
        # Another party in between does not make Iran's denials a change.
        statement(2, US, "asserted", datetime.date(2022, 8, 1)),
        statement(3, IRAN, "denied", datetime.date(2022, 10, 17)),
        # A stance on another claim is not a change of position on this one.
        statement(4, IRAN, "asserted", datetime.date(2022, 10, 18), claim_id=MISSILES),
        statement(5, US, "confirmed", datetime.date(2022, 11, 1)),
        statement(6, IRAN, "denied", datetime.date(2022, 11, 2), claim_id=MISSILES),
    ]

    changes = position_changes(statements)

    assert summary(changes) == [(US.id, DRONES, 2, 5), (IRAN.id, MISSILES, 4, 6)]
    assert changed_statement_ids(statements) == {5, 6}


def test_a_spokespersons_statements_count_for_the_state_they_speak_for():
    july = statement(1, IRAN, "denied", datetime.date(2022, 7, 12))
    november = statement(2, KANAANI, "confirmed", datetime.date(2022, 11, 5))

    changes = position_changes([november, july])

    assert party_id(november) == IRAN.id
    assert summary(changes) == [(IRAN.id, DRONES, 1, 2)]


def test_a_person_who_speaks_for_no_one_is_their_own_party():
    iran = statement(1, IRAN, "denied", datetime.date(2022, 7, 12))
    pukhov = statement(2, PUKHOV, "asserted", datetime.date(2022, 10, 18))

    assert party_id(pukhov) == PUKHOV.id
    assert position_changes([iran, pukhov]) == []


def test_changes_of_several_parties_are_listed_by_date_of_the_change():
    statements = [
        statement(1, US, "asserted", datetime.date(2022, 7, 11)),
        statement(2, US, "denied", datetime.date(2023, 1, 1)),
        statement(3, IRAN, "denied", datetime.date(2022, 7, 12)),
        statement(4, IRAN, "confirmed", datetime.date(2022, 11, 5)),
    ]

    assert [c.after.id for c in position_changes(statements)] == [4, 2]


def test_a_change_describes_itself_in_words_at_month_precision():
    july = statement(1, IRAN, "denied", datetime.date(2022, 7, 1), precision="month")
    november = statement(2, IRAN, "confirmed", datetime.date(2022, 11, 1), precision="month")

    [change] = position_changes([july, november])

    assert change.describe() == "denied in July 2022, confirmed in November 2022"


def test_a_change_describes_itself_at_year_precision():
    before = statement(1, RUSSIA, "denied", datetime.date(2022, 1, 1), precision="year")
    after = statement(2, RUSSIA, "confirmed", datetime.date(2023, 1, 1), precision="year")

    [change] = position_changes([before, after])

    assert change.describe() == "denied in 2022, confirmed in 2023"


# --- the database's rule ----------------------------------------------------------------


def test_the_database_finds_the_same_position_changes_as_the_python_rule(db):
    make_histories(seed=2022)

    from_sql = Statement.objects.position_changes()
    everything = Statement.objects.select_related("actor")
    from_python = position_changes(everything)

    assert {s.pk for s in from_sql} == {change.after.id for change in from_python}
    assert {s.pk for s in from_sql} == changed_statement_ids(everything)
    previous = {change.after.id: change.before.stance for change in from_python}
    for statement in from_sql:
        assert statement.previous_stance == previous[statement.pk]
    # Enough changes and ties that a wrong tie-break or party would show.
    assert len(from_python) > 20
    assert Statement.objects.filter(made_on=everything[0].made_on).count() > 1


# --- for all inputs -----------------------------------------------------------------------

ACTORS = [IRAN, RUSSIA, US, KANAANI, PUKHOV]


@st.composite
def statement_lists(draw) -> list[Statement]:
    size = draw(st.integers(min_value=0, max_value=12))
    ids = draw(st.lists(st.integers(1, 1000), min_size=size, max_size=size, unique=True))
    return [
        statement(
            id,
            draw(st.sampled_from(ACTORS)),
            draw(st.sampled_from(["asserted", "denied", "confirmed"])),
            # A narrow range of dates, so that ties on the same day are common.
            datetime.date(2022, 10, 1) + datetime.timedelta(days=draw(st.integers(0, 4))),
            claim_id=draw(st.sampled_from([DRONES, MISSILES])),
        )
        for id in ids
    ]


@settings(max_examples=60, deadline=None)
@given(statements=statement_lists(), data=st.data())
def test_position_changes_do_not_depend_on_input_order(statements, data):
    shuffled = data.draw(st.permutations(statements))

    assert summary(position_changes(shuffled)) == summary(position_changes(statements))


@settings(max_examples=60, deadline=None)
@given(statements=statement_lists())
def test_every_change_links_consecutive_different_stances_of_one_party(statements):
    for change in position_changes(statements):
        assert change.before.stance != change.after.stance
        assert (change.before.made_on, change.before.id) < (change.after.made_on, change.after.id)
        assert party_id(change.before) == party_id(change.after) == change.party_id
        between = [
            s
            for s in statements
            if party_id(s) == change.party_id
            and s.claim_id == change.claim_id
            and (change.before.made_on, change.before.id)
            < (s.made_on, s.id)
            < (change.after.made_on, change.after.id)
        ]
        assert between == []
