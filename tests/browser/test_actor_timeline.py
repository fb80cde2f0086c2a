"""An actor's history as a picture: the actor page draws one row per claim the actor
spoke on, its marks, and a ring on each mark where claims.standing finds a position
change, with labels a person can read at 1280 and 390 px."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from claims import standing
from claims.models import Actor, Claim, Statement
from sources import dates
from tests.browser.conftest import PHONE, SCREENSHOTS, shot
from tests.factories import make_statement

pytestmark = pytest.mark.usefixtures("committed_seed")

# What the page drew: each row's full label and height, each mark's title, height and
# whether it carries a position-change ring.
DRAWN = """(svg) => ({
  rows: [...svg.querySelectorAll("a.row")].map((row) => ({
    label: row.querySelector("title").textContent,
    y: parseFloat(row.querySelector("text").getAttribute("y")),
  })),
  marks: [...svg.querySelectorAll("a.mark")].map((mark) => {
    const box = mark.querySelector("circle, rect:not(.span), polygon").getBBox();
    return {
      title: mark.querySelector("title").textContent,
      y: box.y + box.height / 2,
      ring: mark.querySelector(".change-ring") !== null,
    };
  }),
  labels: [...svg.querySelectorAll("text")].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a
  ),
})"""


def drawn(page, actor: Actor) -> dict:
    svg = page.locator("figure.timeline .timeline-scroll > svg")
    expect(svg).to_be_visible()
    picture = svg.evaluate(DRAWN)
    by_y = {row["y"]: row["label"] for row in picture["rows"]}
    for mark in picture["marks"]:
        # A mark sits on its row, or staggered 7 px above or below it.
        mark["row"] = next(label for y, label in by_y.items() if abs(mark["y"] - y) <= 8)
    return picture


def expected_changes(actor: Actor) -> set[tuple[str, str]]:
    """(claim, "<stance>, <date>") of each of the actor's statements that standing.py
    says changes its party's stance, read from every statement of the parties."""
    mine = set(Statement.objects.by_actor(actor).values_list("id", flat=True))
    parties = Statement.objects.by_actor(actor).values_list("party_id", flat=True)
    threads = Statement.objects.filter(party_id__in=set(parties)).select_related("actor", "claim")
    return {
        (change.after.claim.text, f"{change.after.stance}, {describe(change.after)}")
        for change in standing.position_changes(threads)
        if change.after.id in mine
    }


def describe(statement: Statement) -> str:
    return dates.describe(statement.made_on, statement.made_on_precision)


def test_iran_s_change_of_position_is_ringed_on_its_claim_s_row(page, live_server):
    iran = Actor.objects.get(slug="iran")
    drones = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    admission = make_statement(
        actor=iran,
        claim=drones,
        stance="confirmed",
        made_on=datetime.date(2022, 11, 5),
        date_wording="",
    )
    changes = expected_changes(iran)
    assert (drones.text, "confirmed, 5 November 2022") in changes

    page.goto(live_server.url + iran.get_absolute_url())
    picture = drawn(page, iran)
    shot(page, "actor-timeline-iran")
    page.locator("figure.timeline").screenshot(path=str(SCREENSHOTS / "actor-timeline-iran.png"))

    spoken = set(Statement.objects.by_actor(iran).values_list("claim__text", flat=True))
    assert [row["label"] for row in picture["rows"]] == sorted(
        spoken,
        key=lambda text: (
            Statement.objects.by_actor(iran).filter(claim__text=text).earliest("made_on").made_on
        ),
    )
    # One mark per claim, stance and day the actor spoke, each on its claim's row.
    statements = Statement.objects.by_actor(iran).select_related("claim")
    assert sorted((m["row"], m["title"].split(" (")[0]) for m in picture["marks"]) == sorted(
        {(s.claim.text, f"Iran {s.stance}, {describe(s)}") for s in statements}
    )
    ringed = {
        (m["row"], m["title"].removeprefix("Iran ").split(" (")[0])
        for m in picture["marks"]
        if m["ring"]
    }
    assert ringed == changes
    assert all(m["title"].endswith("(a position change)") for m in picture["marks"] if m["ring"])
    admission_mark = page.locator(f'figure.timeline a.mark[href="/statements/{admission.pk}/"]')
    expect(admission_mark.locator(".change-ring")).to_have_count(1)
    assert min(picture["labels"]) >= 12


@pytest.mark.parametrize("slug", ["russia", "dmitry-peskov", "us", "eu"])
def test_every_actor_s_rings_are_where_standing_finds_position_changes(page, live_server, slug):
    actor = Actor.objects.get(slug=slug)
    page.goto(live_server.url + actor.get_absolute_url())
    picture = drawn(page, actor)

    ringed = {
        (m["row"], m["title"].removeprefix(f"{actor.name} ").split(" (")[0])
        for m in picture["marks"]
        if m["ring"]
    }
    assert ringed == expected_changes(actor)
    spoken = set(Statement.objects.by_actor(actor).values_list("claim__text", flat=True))
    assert {row["label"] for row in picture["rows"]} == spoken
    assert min(picture["labels"]) >= 12


def test_some_seed_actor_changed_position_so_the_rings_are_tested(db):
    assert any(expected_changes(actor) for actor in Actor.objects.all())


def test_the_actor_timeline_on_a_phone_keeps_its_labels_and_its_legend_links_the_meanings(
    page, live_server
):
    page.set_viewport_size(PHONE)
    russia = Actor.objects.get(slug="russia")
    page.goto(live_server.url + russia.get_absolute_url())
    picture = drawn(page, russia)
    assert min(picture["labels"]) >= 12
    shot(page, "phone-actor-russia")
    figure = page.locator("figure.timeline")
    figure.screenshot(path=str(SCREENSHOTS / "phone-actor-russia-timeline.png"))

    page.locator("figure.timeline .legend").get_by_role(
        "link", name="What the stances mean"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/about/#stances")
    expect(page.get_by_role("heading", name="Stances", exact=True)).to_be_visible()
