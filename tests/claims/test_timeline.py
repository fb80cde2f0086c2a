"""The claim timeline's layout (claims/timeline.py), tested without a database."""

from __future__ import annotations

import datetime

from claims.timeline import MAX_ROWS, TimelinePoint, build_timeline


def point(party: str, day: datetime.date, precision: str = "day", stance: str = "asserted"):
    return TimelinePoint(
        party=party,
        party_href=f"/actors/{party.lower()}/",
        stance=stance,
        made_on=day,
        precision=precision,
        count=1,
        href="/statements/1/",
    )


def test_a_month_is_drawn_as_a_span_and_a_day_as_a_point():
    timeline = build_timeline(
        [
            point("Iran", datetime.date(2022, 7, 1), "month"),
            point("Iran", datetime.date(2022, 10, 17), "day"),
            point("Russia", datetime.date(2022, 1, 1), "year"),
        ]
    )

    month, day, year = (
        next(m for m in timeline.marks if m.title.endswith(when))
        for when in ("July 2022", "17 October 2022", "2022")
    )
    assert month.span_width > 0
    assert day.span_width == 0
    assert year.span_width > 10 * month.span_width
    # A month's mark sits in the middle of its span.
    assert month.span_x < month.x < month.span_x + month.span_width


def test_rows_come_in_the_order_of_each_actors_first_statement():
    timeline = build_timeline(
        [
            point("Russia", datetime.date(2022, 10, 18)),
            point("United States", datetime.date(2022, 7, 11)),
            point("Iran", datetime.date(2022, 7, 12)),
            point("Russia", datetime.date(2022, 7, 1), "month"),
            point("United States", datetime.date(2023, 1, 6)),
        ]
    )

    assert [row.label for row in timeline.rows] == ["Russia", "United States", "Iran"]
    ys = [row.y for row in timeline.rows]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert len(timeline.marks) == 5


def test_marks_lie_left_to_right_in_date_order():
    days = [datetime.date(2022, 7, 11), datetime.date(2022, 10, 18), datetime.date(2023, 7, 25)]

    timeline = build_timeline([point("Iran", day) for day in reversed(days)])

    by_date = {mark.title: mark.x for mark in timeline.marks}
    assert by_date["Iran asserted, 11 July 2022"] < by_date["Iran asserted, 18 October 2022"]
    assert by_date["Iran asserted, 18 October 2022"] < by_date["Iran asserted, 25 July 2023"]
    assert all(timeline.label_width <= x <= timeline.width for x in by_date.values())


def test_no_points_draw_no_timeline_and_too_many_actors_are_counted_not_drawn():
    assert build_timeline([]) is None
    crowd = [point(f"Actor {n:02}", datetime.date(2022, 1, 1 + n)) for n in range(MAX_ROWS + 3)]

    timeline = build_timeline(crowd)

    assert len(timeline.rows) == MAX_ROWS
    assert timeline.omitted_rows == 3
    assert len(timeline.marks) == MAX_ROWS
