"""A claim's page: its derived standing, the timeline picture and every statement. (The
timeline's layout, without a database: tests/claims/test_timeline.py.)"""

from __future__ import annotations

import re

from pytest_django.asserts import assertContains, assertNotContains

from claims import standing
from claims.models import Actor, Claim, Statement
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


def test_one_confirmation_does_not_hide_the_denials_that_went_on_after_it(client, seed):
    # Iran confirms on 17 October 2022; Russia and others deny it later on.
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    make_statement(actor=Actor.objects.get(slug="iran"), claim=claim, stance="confirmed")

    response = client.get(DRONES)

    assertContains(
        response,
        '<span class="standing standing-confirmed_disputed">confirmed, still denied</span>',
    )
    assertContains(response, "confirmed by Iran, 17 October 2022; still denied by ")


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
