"""A researcher searching quotes sees the words found marked, and a quote written to
break out of the highlight's markup shows as the text it is and runs nothing."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, shot
from tests.factories import make_article, make_statement

# Closes the <mark> the search opens, then tries an element, an attribute and a script.
PAYLOAD = (
    'drones</mark><img src=x onerror="window.__pwned=1">'
    '<mark onclick="window.__pwned=2">" onmouseover="window.__pwned=3"'
    "<script>window.__pwned=4</script>"
)


def test_search_marks_the_words_found_and_a_breakout_payload_stays_text(
    transactional_db, page, live_server
):
    plain = make_article(body="Tehran said it never supplied drones to Moscow.")
    make_statement(article=plain, quote="it never supplied drones to Moscow")
    hostile = make_article(body=f"The comment read {PAYLOAD} and nothing more.")
    make_statement(article=hostile, quote=f"read {PAYLOAD} and")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"{live_server.url}/statements/?q=supply+drone")

    quotes = page.locator(".results blockquote p")
    expect(quotes).to_have_count(1)  # "supply" and "drone" are both only in the plain quote
    expect(quotes.locator("mark")).to_have_text(["supplied", "drones"])
    shot(page, "search-highlight-1280")

    page.goto(f"{live_server.url}/statements/?q=drones")
    expect(page.locator(".results blockquote p")).to_have_count(2)
    hostile_quote = page.locator(".results blockquote p", has_text="onerror")
    expect(hostile_quote).to_have_text(f"read {PAYLOAD} and")
    expect(hostile_quote.locator("mark")).to_have_text(["drones"])
    expect(page.locator("main img, main script, mark[onclick]")).to_have_count(0)
    page.locator(".results mark").first.hover()
    page.locator(".results mark").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    page.set_viewport_size(PHONE)
    shot(page, "search-highlight-390")
