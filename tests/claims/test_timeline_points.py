"""The points the timelines draw (claims/timeline_points.py), on a real database: a busy
actor's picture holds a bounded number of marks per claim, counts exactly the
position changes claims.standing finds, and reads the same few queries however many
statements there are."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter

from claims import standing
from claims.models import Quote, Statement
from claims.timeline import MAX_ROWS, build_timeline
from claims.timeline_points import (
    PERIODS,
    POINT_LIMIT,
    actor_timeline_points,
    claim_timeline_points,
    months_per_period,
)
from tests.factories import BODY, make_actor, make_article, make_claim

STANCES = ["asserted", "asserted", "denied", "noncommittal", "denied", "confirmed", "denied"]
START = datetime.date(2020, 1, 1)


def speak(actor, claims, days: int, *, speaker=None, start: datetime.date = START) -> None:
    """Statements of `actor` on each claim, one a day for `days` days, stances in a
    cycle that changes position often; each with its quote."""
    stances = itertools.cycle(STANCES)

    def dated(day: int) -> dict:
        made_on = start + datetime.timedelta(days=day)
        if day % 10:
            return {"made_on": made_on, "made_on_precision": "day"}
        return {"made_on": made_on.replace(day=1), "made_on_precision": "month"}

    rows = Statement.objects.bulk_create(
        Statement(actor=actor, speaker=speaker, claim=claim, stance=next(stances), **dated(day))
        for claim in claims
        for day in range(days)
    )
    article = make_article()
    Quote.objects.bulk_create(
        Quote(statement=s, article=article, start=0, end=len(BODY), text=BODY) for s in rows
    )


def changes_by_claim(statements) -> Counter:
    return Counter(change.claim_id for change in standing.position_changes(statements))


def test_a_busy_actor_draws_a_bounded_number_of_marks_per_claim_and_year(
    db, django_assert_max_num_queries
):
    actor = make_actor()
    claims = [make_claim() for _ in range(3)]
    speak(actor, claims, 800)  # 2,400 statements: more than POINT_LIMIT
    assert Statement.objects.count() > POINT_LIMIT

    with django_assert_max_num_queries(4):  # claims, years, the grouping, the claims' names
        points, not_drawn = actor_timeline_points(actor, {actor.pk})

    assert not_drawn == 0
    by_row = Counter(p.row for p in points)
    # Grouped by period: at most PERIODS marks a row, each with its count per stance,
    # drawn as the stance most of its statements took.
    assert set(by_row) == {claim.text for claim in claims}
    assert max(by_row.values()) <= PERIODS
    assert sum(p.count for p in points) == Statement.objects.count()
    for point in points:
        assert sum(n for _, n in point.breakdown) == point.count
        assert point.stance == point.breakdown[0][0]
        assert point.breakdown[0][1] == max(n for _, n in point.breakdown)
    # 800 days from 2020 fall in three years: periods of a month, one mark per month.
    assert all(p.last_on.replace(day=1) == p.made_on.replace(day=1) for p in points)
    assert max(by_row.values()) == 27  # January 2020 to March 2022
    first = min(points, key=lambda p: (p.row, p.made_on))
    in_it = Statement.objects.filter(
        claim__text=first.row, made_on__gte=first.made_on, made_on__lte=first.last_on
    )
    assert dict(first.breakdown) == dict(Counter(in_it.values_list("stance", flat=True)))
    statements = Statement.objects.select_related("actor")
    expected = changes_by_claim(statements)
    drawn = Counter()
    for point in points:
        drawn[point.row] += point.changes
    assert drawn == {claim.text: expected[claim.pk] for claim in claims}
    assert all(expected[claim.pk] > 100 for claim in claims)
    # A mark of many statements leads to exactly those in the statement list.
    many = next(p for p in points if p.count > 1)
    assert many.href.startswith("/statements/?actor=") and "date_from=" in many.href

    timeline = build_timeline(points, rows_are="claim")
    assert len(timeline.marks) == len(points) <= 3 * PERIODS
    assert timeline.grouped
    assert "statements, " in timeline.marks[0].title


def test_the_query_count_stays_flat_as_the_statements_double(db, django_assert_max_num_queries):
    actor, other = make_actor(), make_actor()
    claims = [make_claim() for _ in range(MAX_ROWS + 2)]
    speak(actor, claims, 3)
    speak(other, claims[:1], 3)

    with django_assert_max_num_queries(3) as few:
        small, not_drawn = actor_timeline_points(actor, {actor.pk})
    assert not_drawn == 2 and len({p.row for p in small}) == MAX_ROWS
    with django_assert_max_num_queries(3):
        claim_points, parties_left_out = claim_timeline_points(claims[0])
    assert {p.row for p in claim_points} == {actor.name, other.name} and parties_left_out == 0

    speak(actor, claims, 6, start=datetime.date(2021, 1, 1))
    with django_assert_max_num_queries(len(few)):
        actor_timeline_points(actor, {actor.pk})


def test_a_spokesperson_s_marks_count_the_changes_of_the_state_s_thread(db):
    state = make_actor(kind="state")
    person = make_actor(kind="person", speaks_for=state)
    claim = make_claim()
    speak(state, [claim], 5)  # asserted, asserted, denied, noncommittal, denied
    speak(person, [claim], 2, start=datetime.date(2020, 1, 6))  # asserted: a change

    points, _ = actor_timeline_points(person, {state.pk})

    # Only the person's own statements are drawn, and their changes are read in the
    # state's thread: "asserted" after the state's "denied" is a change, the next is not.
    assert sum(p.count for p in points) == 2
    assert sum(p.changes for p in points) == 1
    thread = Statement.objects.select_related("actor").filter(claim=claim)
    person_changes = [c for c in standing.position_changes(thread) if c.after.actor_id == person.pk]
    assert len(person_changes) == 1


def test_periods_are_the_shortest_calendar_ones_that_fit():
    assert months_per_period([2020, 2022]) == 1  # 36 months
    assert months_per_period(list(range(2015, 2025))) == 3  # ten years in 40 quarters
    assert months_per_period([2001, 2020]) == 6
    assert months_per_period([1975, 2024]) == 24  # 50 years in 25 periods of two years
    for first in range(1990, 2024):
        length = months_per_period([first, 2024])
        assert (2024 - first + 1) * 12 / length <= PERIODS
