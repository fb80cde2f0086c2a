"""A claim's page: its derived standing, the timeline picture and every statement; and
the timeline's layout, tested without a database."""

from __future__ import annotations

import datetime
import re

from pytest_django.asserts import assertContains, assertNotContains

from claims import standing
from claims.models import Actor, Claim, Statement
from claims.timeline import MAX_ROWS, TimelinePoint, build_timeline
from tests.factories import make_claim, make_statement
from tests.pages.reading import between, listed_ids, main_html, visible_text

DRONES = "/claims/iran-supplied-drones-to-russia/"
MARK = re.compile(r'<a href="/statements/(\d+)/" class="mark mark-(\w+)">(.*?)</a>', re.DOTALL)
ROW_LABEL = re.compile(r'<text class="row-label"[^>]*>([^<]*)</text>')
SPAN = re.compile(r'<rect class="span" [^>]*width="([\d.]+)"')
SQUARE = re.compile(r'<rect x="[\d.]+" y="[\d.]+" width="12" height="12"/>')


def svg(response) -> str:
    return between(main_html(response), '<figure class="timeline">', "</svg>")


def marks(response) -> dict[int, tuple[str, str]]:
    return {int(pk): (stance, body) for pk, stance, body in MARK.findall(svg(response))}


def test_a_claims_page_shows_its_derived_standing(client, seed):
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    stances = claim.statements.values_list("stance", flat=True)
    assert standing.standing_of(stances) == standing.Standing.DISPUTED

    response = client.get(DRONES)

    assertContains(
        response, '<span class="standing standing-disputed">disputed: asserted and denied</span>'
    )
    assertNotContains(response, "standing-confirmed")


def test_one_confirmation_makes_the_standing_confirmed(client, seed):
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    make_statement(actor=Actor.objects.get(slug="iran"), claim=claim, stance="confirmed")

    response = client.get(DRONES)

    assertContains(response, '<span class="standing standing-confirmed">confirmed</span>')


def test_the_timeline_has_one_row_per_actor(client, seed):
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    actors = Actor.objects.in_bulk()
    parties = {actors[standing.party_id(s)].name for s in claim.statements.select_related("actor")}

    labels = ROW_LABEL.findall(svg(client.get(DRONES)))

    assert len(labels) == len(parties)
    assert set(labels) == parties
    # A spokesman's statement is drawn on his state's row.
    assert "Nasser Kanaani" not in labels and "Iran" in labels


def test_the_timeline_draws_stance_by_shape(client, seed):
    drawn = marks(client.get(DRONES))

    kanaani = Statement.objects.get(pk=15)
    assert kanaani.stance == "denied" and kanaani.made_on_precision == "day"
    stance, shape = drawn[15]
    assert stance == "denied"
    assert SQUARE.search(shape) and "<circle" not in shape
    assert "rotate(" not in shape
    patel = Statement.objects.get(pk=31)
    assert patel.stance == "asserted"
    stance, shape = drawn[31]
    assert stance == "asserted"
    assert "<circle" in shape and not SQUARE.search(shape)


def test_the_timeline_draws_a_month_as_a_span(client, seed):
    month = Statement.objects.get(pk=10)  # Ukraine, "Last month": September 2022
    assert month.made_on_precision == "month"

    drawn = marks(client.get(DRONES))

    _, shape = drawn[month.pk]
    assert float(SPAN.search(shape).group(1)) > 0
    assert "September 2022" in shape
    _, day_shape = drawn[15]
    assert not SPAN.search(day_shape)


def test_the_timeline_draws_a_confirmation_as_a_diamond(client, db):
    claim = make_claim()
    statement = make_statement(claim=claim, stance="confirmed")

    stance, shape = marks(client.get(claim.get_absolute_url()))[statement.pk]

    assert stance == "confirmed"
    assert "rotate(45" in shape


def test_a_claims_page_lists_every_statement_in_date_order(client, seed):
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")

    response = client.get(DRONES)

    listed = listed_ids(between(main_html(response), "Every statement, in date order"))
    assert listed == list(claim.statements.order_by("made_on", "id").values_list("id", flat=True))
    shown = visible_text(response)
    for quote in claim.statements.get(pk=17).quotes.all():
        assert " ".join(quote.text.split()) in shown


def test_a_claim_without_statements_has_no_timeline(client, db):
    claim = make_claim()

    response = client.get(claim.get_absolute_url())

    assertContains(response, "no statements yet")
    assertContains(response, "No statements on this claim yet.")
    assert '<figure class="timeline">' not in main_html(response)


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
