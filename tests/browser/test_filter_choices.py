"""A researcher picks a claim from the actor page's claim filter (a plain select, no
JavaScript needed) and sees only that claim's statements; the page's Atom feed follows
the same filter."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import expect

from claims.models import Actor, Claim, Statement
from tests.browser.conftest import PHONE, SCREENSHOTS, shot
from tests.factories import make_actor, make_claim, make_statement


def test_picking_a_claim_on_the_actor_page_shows_only_its_statements(
    committed_seed, page, live_server
):
    russia = Actor.objects.get(slug="russia")
    claim = Claim.objects.get(slug="russia-sought-drones-from-iran")
    on_claim = Statement.objects.by_actor(russia).filter(claim=claim)
    everything = Statement.objects.by_actor(russia)
    assert 0 < on_claim.count() < everything.count()

    page.goto(f"{live_server.url}/actors/russia/")
    expect(page.locator("article.statement")).to_have_count(everything.count())
    picker = page.get_by_label("Claim", exact=True)
    expect(picker.locator("option", has_text=f"{claim.text} ({on_claim.count()})")).to_have_count(1)
    shot(page, "actor-claim-filter-1280")

    picker.select_option(claim.slug)
    page.get_by_role("button", name="Filter").click()

    expect(page).to_have_url(re.compile(rf"\?claim={claim.slug}&"))
    expect(page.locator("article.statement")).to_have_count(on_claim.count())
    expect(page.locator("section.claim-history h2")).to_have_text([claim.text])
    expect(picker).to_have_value(claim.slug)
    feed = page.get_by_role("link", name="Atom feed")
    expect(feed).to_have_attribute("href", f"/actors/russia/feed/?claim={claim.slug}")
    expect(
        page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    ).to_have_attribute("href", f"/actors/russia/feed/?claim={claim.slug}")
    page.set_viewport_size(PHONE)
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    shot(page, "actor-claim-filter-390")


def test_a_facet_past_its_links_offers_every_value_in_a_select(transactional_db, page, live_server):
    claim = make_claim()
    actors = [make_actor(name=f"State {n:02}") for n in range(1, 16)]
    for n, actor in enumerate(actors, start=1):
        for day in range(n):
            make_statement(actor=actor, claim=claim, made_on=datetime.date(2021, 1, 1 + day))
    quietest = actors[0]

    page.goto(f"{live_server.url}/statements/?year=2021")
    facet = page.locator("section.facet", has=page.get_by_role("heading", name="Actor"))
    expect(facet.locator("a.facet-value")).to_have_count(12)
    expect(facet.locator("a.facet-value", has_text=quietest.name)).to_have_count(0)
    picker = facet.get_by_label("Every actor (15)")
    picker.select_option(quietest.slug)
    shot(page, "statement-list-more-choices-1280")
    facet.screenshot(path=str(SCREENSHOTS / "statement-list-more-choices-facet-1280.png"))
    facet.get_by_role("button", name="Add").click()

    expect(page.locator("article.statement")).to_have_count(1)
    expect(page.locator("article.statement .statement-line")).to_contain_text(quietest.name)
    expect(page).to_have_url(re.compile(rf"year=2021&actor={quietest.slug}$"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/statements/?year=2021")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    shot(page, "statement-list-more-choices-390")
    page.locator("section.facet").first.screenshot(
        path=str(SCREENSHOTS / "statement-list-more-choices-facet-390.png")
    )
