"""A researcher reads the seed data in a real browser: matrix, facets, search, the
statement, actor, claim and article pages, an invalid filter, and a phone-width view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from claims.models import Quote
from tests.browser.conftest import PHONE, shot

pytestmark = pytest.mark.usefixtures("committed_seed")


def results_count(page) -> int:
    heading = page.locator(".results-count")
    expect(heading).to_have_text(re.compile(r"^\d+ statements?$"))
    return int(heading.inner_text().split()[0])


def test_home_matrix_shows_stances_and_a_cell_opens_the_filtered_list(page, live_server):
    page.goto(live_server.url + "/")
    matrix = page.locator("table.matrix")
    expect(matrix).to_be_visible()
    for stance in ("asserted", "denied"):  # no actor's latest seed stance is "confirmed"
        expect(matrix.locator(f"td.cell-{stance} .stance").first).to_have_text(re.compile(stance))
    shot(page, "home")

    cell = matrix.locator("td.cell-denied a").first
    actor = cell.locator("xpath=ancestor::tr/th").inner_text()
    cell.click()

    expect(page).to_have_url(re.compile(r"/statements/\?actor=[\w-]+&claim=[\w-]+$"))
    assert results_count(page) >= 1
    selected = page.locator("section.facet[aria-labelledby=facet-actor] .facet-value.selected")
    expect(selected).to_contain_text(actor)
    stances = page.locator(".results .statement-line .stance")
    expect(stances.filter(has_text="denied").first).to_be_visible()
    shot(page, "statement-list-from-matrix")


def test_the_denied_facet_narrows_the_list_to_denials(page, live_server):
    page.goto(live_server.url + "/statements/")
    everything = results_count(page)
    shot(page, "statement-list")

    facet = page.locator("section.facet[aria-labelledby=facet-stance] a.facet-value")
    denied = facet.filter(has_text="denied")
    denied_count = int(denied.locator(".count").inner_text())
    denied.click()

    expect(page).to_have_url(re.compile(r"[?&]stance=denied"))
    assert results_count(page) == denied_count < everything
    stances = page.locator(".results article.statement .statement-line .stance")
    assert stances.count() > 0
    for text in stances.all_inner_texts():
        assert "denied" in text
    shot(page, "statement-list-denied")


def test_searching_an_alias_offers_the_actor_s_statements(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_label("Search quotes").fill("Kiev")
    page.get_by_label("Search quotes").press("Enter")

    expect(page).to_have_url(re.compile(r"/statements/\?q=Kiev$"))
    offer = page.get_by_role("link", name="show the statements of Ukraine")
    expect(offer).to_be_visible()
    shot(page, "search-kiev")
    offer.click()

    expect(page).to_have_url(re.compile(r"/statements/\?actor=ukraine$"))
    assert results_count(page) >= 1
    selected = page.locator("section.facet[aria-labelledby=facet-actor] .facet-value.selected")
    expect(selected).to_contain_text("Ukraine")
    shot(page, "statement-list-ukraine")


def test_searching_quotes_finds_statements_and_one_opens_with_a_citation(page, live_server):
    page.goto(live_server.url + "/statements/")
    search = page.get_by_label("Search quotes")
    search.fill("supply")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/statements/\?q=supply$"))
    assert results_count(page) >= 1
    shot(page, "search-supply")

    first = page.locator(".results article.statement").first
    permalink = first.locator("a.permalink")
    number = permalink.inner_text().removeprefix("statement #")
    permalink.click()

    expect(page).to_have_url(re.compile(rf"/statements/{number}/$"))
    expect(page.get_by_role("heading", name="Cite this")).to_be_visible()
    expect(page.locator("pre.cite")).to_contain_text(f"ClaimTracker statement #{number}")
    expect(page.locator("figure.quote-in-context mark").first).to_be_visible()
    shot(page, "statement")


def test_actor_page(page, live_server):
    page.goto(live_server.url + "/actors/iran/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iran")
    expect(page.locator("article.statement").first).to_be_visible()
    expect(page.get_by_text("Nasser Kanaani").first).to_be_visible()
    shot(page, "actor-iran")


def test_claim_page_draws_its_timeline(page, live_server):
    page.goto(live_server.url + "/claims/iran-supplied-drones-to-russia/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    timeline = page.locator("figure.timeline .timeline-scroll > svg")  # not the legend's
    expect(timeline).to_be_visible()
    box = timeline.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 50
    assert timeline.locator("circle, rect").count() > 0
    expect(timeline.locator("a.mark").first).to_be_visible()
    shot(page, "claim")


def test_a_highlighted_quote_in_an_article_leads_to_its_statement(page, live_server):
    quote = Quote.objects.order_by("article_id", "start").first()
    page.goto(live_server.url + quote.article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(quote.article.title)
    highlight = page.locator(f'.article-body a.quote[data-quotes~="{quote.id}"]').first
    expect(highlight).to_be_visible()
    shot(page, "article")
    highlight.click()

    expect(page).to_have_url(re.compile(rf"/statements/{quote.statement_id}/$"))
    expect(page.locator("figure.quote-in-context mark").first).to_be_visible()
    shot(page, "statement-from-article")


def test_an_invalid_filter_is_a_400_with_the_error_shown(page, live_server):
    response = page.goto(live_server.url + "/statements/?stance=maybe")
    assert response is not None and response.status == 400
    banner = page.locator("main .errors")
    expect(banner).to_contain_text("These filters could not be applied")
    expect(banner).to_contain_text(re.compile(r"stance: Select a valid choice\. maybe"))
    # ...and beside the filter itself, in the sidebar.
    beside = page.locator("aside .facet.has-error")
    expect(beside.get_by_role("heading")).to_have_text("Stance")
    expect(beside).to_contain_text("maybe is not one of the available choices")
    expect(page.locator("article.statement")).to_have_count(0)
    shot(page, "statement-list-invalid-filter")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "phone-home"),
        ("/statements/", "phone-statement-list"),
        ("/statements/?stance=maybe", "phone-invalid-filter"),
        ("/statements/31/", "phone-statement"),
        ("/actors/iran/", "phone-actor"),
        ("/claims/", "phone-claim-list"),
        ("/claims/iran-supplied-drones-to-russia/", "phone-claim"),
        ("/articles/1/", "phone-article"),
    ],
)
def test_phone_width_has_no_horizontal_overflow(page, live_server, path, name):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == (400 if "maybe" in path else 200)
    shot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{path} is {width}px wide on a {PHONE['width']}px phone"
