"""The timeline picture's layout (claims/timeline.py), tested without a database."""

from __future__ import annotations

import datetime

from claims.timeline import LABEL_CHARS, MAX_ROWS, TimelinePoint, build_timeline


def point(party: str, day: datetime.date, precision: str = "day", stance: str = "asserted", **more):
    return TimelinePoint(
        row=party,
        row_href=f"/actors/{party.lower()}/",
        stance=stance,
        made_on=day,
        precision=precision,
        count=more.pop("count", 1),
        href="/statements/1/",
        **more,
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


def test_a_point_of_several_days_sits_midway_and_says_how_many_statements_it_holds():
    first, last = datetime.date(2023, 3, 3), datetime.date(2023, 3, 29)
    timeline = build_timeline(
        [
            point("Iran", first, stance="denied", count=12, last_on=last, changes=2),
            point("Iran", datetime.date(2023, 3, 3), stance="asserted"),
            point("Iran", datetime.date(2023, 3, 29), stance="asserted"),
        ]
    )

    many = next(mark for mark in timeline.marks if mark.stance == "denied")
    ends = sorted(mark.x for mark in timeline.marks if mark.stance == "asserted")
    assert ends[0] < many.x < ends[1]
    assert abs(many.x - (ends[0] + ends[1]) / 2) < 1
    assert many.title == (
        "Iran denied, 3 March 2023 to 29 March 2023 (12 statements, 2 position changes)"
    )
    assert many.changes == 2
    assert all(mark.changes == 0 for mark in timeline.marks if mark is not many)


def test_rows_of_the_same_label_stay_apart_and_rows_left_out_before_are_counted():
    timeline = build_timeline(
        [
            TimelinePoint(
                "Same words", "/claims/a/", "denied", datetime.date(2022, 1, 1), "day", 1, "/s/1/"
            ),
            TimelinePoint(
                "Same words", "/claims/b/", "denied", datetime.date(2022, 2, 1), "day", 1, "/s/2/"
            ),
        ],
        rows_are="claim",
        not_drawn=4,
    )

    assert [row.href for row in timeline.rows] == ["/claims/a/", "/claims/b/"]
    assert timeline.omitted_rows == 4 and timeline.rows_are == "claim"


def test_a_long_label_is_cut_to_fit_and_kept_whole_for_its_title():
    text = "Iran supplied attack drones to Russia for use in Ukraine"
    (row,) = build_timeline([point(text, datetime.date(2022, 1, 1))]).rows
    assert row.label == text
    assert len(row.short_label) == LABEL_CHARS and row.short_label.endswith("…")
