"""The assistant's suggestions in Chromium, as an editor meets them: enter an article,
land on its suggestions marked in the text, accept one, adjust one in the statement
form, dismiss one (gone after a reload), and undo the accept (the statement goes, the
suggestion comes back). Screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assistant.decisions import open_proposals
from assistant.models import Decision
from claims.models import Claim, Statement
from sources.models import Article, Outlet
from tests.browser.conftest import PHONE, shot
from tests.browser.test_editor_flow import sign_in
from tests.factories import make_actor, make_user

BODY = (
    "Kyiv, 20 October. Iran denied on Monday that it had sent drones to Russia.\n\n"
    "Ukraine said the drones that hit the capital on Sunday were made in Iran, and "
    "showed reporters the wreckage.\n\n"
    "Russia denied that its army used Iranian drones in Ukraine.\n\n"
    "The weather in the capital stayed mild for the season."
)
CLAIM = "Iran supplied drones to Russia"


@pytest.fixture
def records(transactional_db):
    make_actor(name="Iran", slug="iran", aliases=("Tehran",))
    make_actor(name="Ukraine", slug="ukraine", aliases=("Kyiv", "Kiev"))
    make_actor(name="Russia", slug="russia", aliases=("Moscow",))
    Claim.objects.create(slug="iran-supplied-drones", text=CLAIM)
    make_user("editor", "editor")
    return Outlet.objects.create(name="The Kyiv Ledger", slug="kyiv-ledger")


def suggestion(page, words: str):
    return page.locator(".suggestion").filter(has_text=words)


def test_an_editor_reviews_the_suggestions_for_an_article(page, live_server, records):
    base = live_server.url
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    sign_in(page, base, "editor")

    # Entered by hand; saving it lands on its suggestions.
    page.goto(f"{base}/articles/new/")
    page.locator("#id_outlet").select_option(label="The Kyiv Ledger")
    page.locator("#id_title").fill("Drones over Kyiv")
    page.locator("#id_url").fill("https://ledger.example/drones-over-kyiv")
    page.locator("#id_published_on").fill("2022-10-20")
    page.locator("#id_body").fill(BODY)
    page.locator("main form").get_by_role("button", name="Save", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/#suggestions$"))
    article = Article.objects.get()
    panel = page.locator("#suggestions")
    expect(panel.get_by_role("heading", name="Suggested statements")).to_be_visible()
    entries = panel.locator(".suggestion")
    count = entries.count()
    assert count >= 3
    # Each suggestion's words are marked in the text, and pointing at it lights them.
    expect(page.locator(".article-body mark.suggested")).to_have_count(count)
    first_key = entries.first.get_attribute("data-mark")
    entries.first.hover()
    expect(page.locator(f'mark[data-mark="{first_key}"]')).to_have_class(re.compile("is-active"))
    shot(page, "assistant-panel-desktop")

    # Accept one with one click: the statement is recorded and shows in the text.
    accepted = suggestion(page, "Iran denied on Monday")
    expect(accepted).to_contain_text("Iran")
    expect(accepted).to_contain_text("denied")
    accepted.get_by_role("button", name="Accept").click()
    expect(page.locator("p.notice")).to_contain_text("Recorded statement #")
    statement = Statement.objects.get()
    expect(page.locator(f'.article-body a.quote[href="/statements/{statement.pk}/"]')).to_have_text(
        "Iran denied on Monday that it had sent drones to Russia."
    )
    expect(suggestion(page, "Iran denied on Monday")).to_have_count(0)
    expect(page.locator(".suggestions-accepted")).to_contain_text(f"Statement #{statement.pk}")

    # Adjust one in the form: the form opens filled in as the panel showed it; the
    # editor types the claim and changes the stance.
    proposal = next(p for p in open_proposals(article) if p.text.startswith("Ukraine said"))
    suggestion(page, "Ukraine said the drones").get_by_role(
        "link", name="Adjust in the form"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a statement")
    expect(page.get_by_label("Quote", exact=True)).to_have_value(proposal.text)
    expect(page.get_by_label("Actor", exact=True)).to_have_value(proposal.actor.name)
    expect(page.get_by_label("Date made")).to_have_value(proposal.made_on.isoformat())
    expect(page.get_by_role("radio", name=proposal.stance)).to_be_checked()
    expect(page.locator("p.notice")).to_contain_text("Filled in from the assistant's suggestion")
    shot(page, "assistant-adjust-form-desktop")
    page.get_by_label("Claim", exact=True).fill(CLAIM)
    page.get_by_role("group", name="Stance").get_by_role("radio", name="noncommittal").check()
    page.get_by_role("button", name="Save the statement").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/#suggestions$"))
    expect(page.locator("p.notice")).to_contain_text("Recorded statement #")
    adjusted = Statement.objects.exclude(pk=statement.pk).get()
    assert (adjusted.actor.slug, adjusted.claim.text, adjusted.stance) == (
        proposal.actor.slug,
        CLAIM,
        "noncommittal",
    )
    assert Decision.objects.get(statement=adjusted).adjusted
    expect(suggestion(page, "Ukraine said the drones")).to_have_count(0)
    expect(page.locator(".suggestions-accepted")).to_contain_text(
        f"Statement #{adjusted.pk}: {adjusted.actor.name} noncommittal (adjusted)"
    )

    # Dismiss one: after a reload it is not offered again.
    dismissed = suggestion(page, "Russia denied")
    dismissed_key = dismissed.get_attribute("data-mark")
    dismissed.get_by_role("button", name="Dismiss").click()
    expect(page.locator("p.notice")).to_contain_text("Dismissed the suggestion")
    page.reload()
    expect(page.locator(f'.suggestion[data-mark="{dismissed_key}"]')).to_have_count(0)
    expect(page.locator(f'mark[data-mark="{dismissed_key}"]')).to_have_count(0)
    expect(panel).to_contain_text("1 dismissed")

    # Undo the one-click accept: the statement is gone, the suggestion is back.
    page.locator(".suggestions-accepted li").filter(
        has_text=f"Statement #{statement.pk}"
    ).get_by_role("button", name="Undo").click()
    expect(page.locator("p.notice")).to_contain_text(f"Undone: removed statement #{statement.pk}")
    assert not Statement.objects.filter(pk=statement.pk).exists()
    expect(
        page.locator(f'.article-body a.quote[href="/statements/{statement.pk}/"]')
    ).to_have_count(0)
    expect(suggestion(page, "Iran denied on Monday")).to_have_count(1)
    expect(page.locator(f'mark[data-mark="{first_key}"]')).to_have_count(1)
    shot(page, "assistant-panel-after-review-desktop")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}{article.get_absolute_url()}#suggestions")
    shot(page, "assistant-panel-phone")
    # The panel's script and style load under the strict policy, nothing inline.
    assert [text for text in console if "Content Security Policy" in text] == []


def test_readers_see_no_suggestions(page, live_server, records):
    from tests.factories import make_article

    article = make_article(body=BODY)
    make_user("reader")
    sign_in(page, live_server.url, "reader")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator(".article-body")).to_contain_text("Iran denied on Monday")
    expect(page.locator("#suggestions")).to_have_count(0)
    expect(page.locator("mark.suggested")).to_have_count(0)
