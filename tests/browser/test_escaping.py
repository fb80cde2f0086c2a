"""Article text is data, never markup: HTML in a body or a quote shows literally and
runs nothing, on the article page (where quotes are highlighted) and the statement page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.factories import make_article, make_statement

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
SVG = "<svg onload=alert(3)>"
BODY = (
    f"The spokesman wrote {SCRIPT} in the comment box. "
    f"A reader replied {IMG} and then {SVG} with a smile. "
    "<b>Nothing</b> here is markup."
)


def assert_inert(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator("main svg, main script, main b")).to_have_count(0)


def test_html_in_an_article_and_its_quote_shows_literally_and_runs_nothing(
    transactional_db, page, live_server
):
    article = make_article(title="Comments <i>unfiltered</i>", body=BODY)
    statement = make_statement(article=article, quote=f"wrote {SCRIPT} in the comment box")
    make_statement(article=article, quote=f"replied {IMG} and then {SVG}")
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    page.goto(live_server.url + article.get_absolute_url())
    assert_inert(page)
    assert dialogs == []
    body = page.locator(".article-body")
    expect(body).to_have_text(BODY)
    expect(page.get_by_role("heading", level=1)).to_have_text("Comments <i>unfiltered</i>")
    expect(page.get_by_text("<script>").first).to_be_visible()
    expect(body.locator("a.quote")).to_have_count(2)
    expect(body.locator("a.quote").first).to_have_text(f"wrote {SCRIPT} in the comment box")
    expect(body.locator("a.quote").last).to_have_text(f"replied {IMG} and then {SVG}")
    shot(page, "escaping-article")

    body.locator("a.quote").first.click()
    expect(page).to_have_url(f"{live_server.url}{statement.get_absolute_url()}")
    expect(page.locator("figure.quote-in-context mark")).to_have_text(
        f"wrote {SCRIPT} in the comment box"
    )
    expect(page.get_by_text("<script>").first).to_be_visible()
    expect(page.locator("pre.cite")).to_contain_text("“Comments <i>unfiltered</i>”")
    assert_inert(page)
    shot(page, "escaping-statement")

    page.goto(live_server.url + "/statements/")
    expect(page.locator(".results blockquote p", has_text=SCRIPT)).to_be_visible()
    expect(page.locator(".results blockquote p", has_text=IMG)).to_be_visible()
    assert_inert(page)
    shot(page, "escaping-statement-list")

    assert dialogs == []
