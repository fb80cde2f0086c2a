"""A researcher picks a claim from the actor page's claim filter (a plain select, no
JavaScript needed) and sees only that claim's statements; the page's Atom feed follows
the same filter."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from claims.models import Actor, Claim, Statement
from tests.browser.conftest import PHONE, shot


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
