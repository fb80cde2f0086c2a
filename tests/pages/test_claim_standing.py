"""A claim's standing never hides a dispute: a confirmation says who confirmed it and when,
and denials that went on after it stay visible, on the page and in the API."""

from __future__ import annotations

import datetime

from pytest_django.asserts import assertContains

from claims import queries, standing
from tests.factories import make_actor, make_claim, make_statement
from tests.pages.reading import visible_text


def on(year: int, month: int, day: int = 1) -> datetime.date:
    return datetime.date(year, month, day)


def record(claim, actor, stance, made_on, precision="day", wording=""):
    return make_statement(
        actor=actor,
        claim=claim,
        stance=stance,
        made_on=made_on,
        made_on_precision=precision,
        date_wording=wording,
    )


def test_denials_after_a_confirmation_keep_the_claim_disputed(client, db):
    claim = make_claim(text="Freedonia supplied drones to Sylvania")
    freedonia, sylvania, us = (make_actor(name=n) for n in ("Freedonia", "Sylvania", "US"))
    for day in range(1, 9):
        record(claim, us, "asserted", on(2022, 8, day))
    for day in range(1, 8):
        record(claim, sylvania, "denied", on(2022, 9, day))
    record(claim, freedonia, "confirmed", on(2022, 11, 1), "month", "in November")
    record(claim, sylvania, "denied", on(2022, 12, 1), "month", "in December")

    response = client.get(claim.get_absolute_url())

    assertContains(
        response,
        '<span class="standing standing-confirmed_disputed">confirmed, still denied</span>',
    )
    assert (
        "confirmed by Freedonia, November 2022; still denied by Sylvania, December 2022"
        in visible_text(response)
    )
    assert client.get(f"/api/v1/claims/{claim.slug}/").json()["standing"] == "confirmed_disputed"


def test_a_confirmation_after_the_last_denial_settles_the_claim(client, db):
    claim = make_claim(text="Freedonia supplied drones to Sylvania")
    freedonia = make_actor(name="Freedonia")
    record(claim, freedonia, "denied", on(2022, 7, 20))
    record(claim, freedonia, "confirmed", on(2022, 11, 5))

    response = client.get(claim.get_absolute_url())

    assertContains(response, '<span class="standing standing-confirmed">confirmed</span>')
    text = visible_text(response)
    assert "confirmed by Freedonia, 5 November 2022" in text
    assert "still denied" not in text
    assert client.get(f"/api/v1/claims/{claim.slug}/").json()["standing"] == "confirmed"


def test_each_party_is_named_once_with_its_first_confirmation_and_last_denial(db):
    claim = make_claim(text="Freedonia supplied drones to Sylvania")
    freedonia, sylvania, envoy = (make_actor(name=n) for n in ("Freedonia", "Sylvania", "Envoy"))
    spokesman = make_actor(name="Rufus", kind="person", speaks_for=sylvania)
    record(claim, freedonia, "confirmed", on(2022, 11, 5))
    record(claim, freedonia, "confirmed", on(2022, 11, 20))
    record(claim, envoy, "confirmed", on(2022, 12, 2))
    record(claim, sylvania, "denied", on(2022, 11, 1))  # before: not "still"
    record(claim, spokesman, "denied", on(2022, 11, 30))  # counts for Sylvania
    record(claim, sylvania, "denied", on(2023, 1, 3))

    claim = queries.claims_for_list().get(pk=claim.pk)
    summary = queries.claim_standing_summary(claim)

    assert summary.standing is standing.Standing.CONFIRMED_DISPUTED
    assert str(summary) == (
        "confirmed by Freedonia, 5 November 2022 and Envoy, 2 December 2022; "
        "still denied by Sylvania, 3 January 2023"
    )


def test_an_unconfirmed_claim_has_no_confirmation_summary(db):
    claim = make_claim()
    record(claim, make_actor(), "asserted", on(2022, 1, 1))

    summary = queries.claim_standing_summary(queries.claims_for_list().get(pk=claim.pk))

    assert summary.standing is standing.Standing.ASSERTED
    assert summary.confirmed_by == () and summary.still_denied_by == ()
    assert str(summary) == "asserted only"


def test_statements_on_the_same_day_are_taken_in_the_order_they_were_recorded(db):
    # A party's thread orders a day's statements by id: its first confirmation is the
    # earlier record of the day, its last denial the later one.
    claim = make_claim(text="Freedonia supplied drones to Sylvania")
    freedonia, sylvania = make_actor(name="Freedonia"), make_actor(name="Sylvania")
    record(claim, freedonia, "confirmed", on(2022, 11, 1), precision="month")
    record(claim, freedonia, "confirmed", on(2022, 11, 1), precision="day")
    record(claim, sylvania, "denied", on(2023, 1, 1), precision="day")
    record(claim, sylvania, "denied", on(2023, 1, 1), precision="year")

    summary = queries.claim_standing_summary(queries.claims_for_list().get(pk=claim.pk))

    assert str(summary) == "confirmed by Freedonia, November 2022; still denied by Sylvania, 2023"
