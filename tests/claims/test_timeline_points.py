"""The points the timelines draw (claims/timeline_points.py), on a real database: a busy
actor's picture holds a bounded number of marks per claim and year, counts exactly the
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
    POINT_LIMIT,
    actor_timeline_points,
    claim_timeline_points,
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
    speak(actor, claims, 800)  # 2,400 statements on 2,400 days: more points than POINT_LIMIT
    assert Statement.objects.count() > POINT_LIMIT

    with django_assert_max_num_queries(4):
        points, not_drawn = actor_timeline_points(actor, {actor.pk})

    assert not_drawn == 0
    by_row_year = Counter((p.row, p.made_on.year) for p in points)
    # Grouped by month: at most one mark per stance, precision and month.
    assert max(by_row_year.values()) <= 4 * 2 * 12
    assert sum(p.count for p in points) == Statement.objects.count()
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
    assert len(timeline.marks) == len(points) < 3 * 4 * 2 * 12 * 3


def test_the_query_count_stays_flat_as_the_statements_double(db, django_assert_max_num_queries):
    actor, other = make_actor(), make_actor()
    claims = [make_claim() for _ in range(MAX_ROWS + 2)]
    speak(actor, claims, 3)
    speak(other, claims[:1], 3)

    with django_assert_max_num_queries(4) as few:
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
