"""Every page type fits a phone: at 390 px wide no page scrolls sideways (the timeline
pictures scroll inside their own box, with a cue), signed in as an administrator so the
editor forms, history and version pages, merges and deletions are among them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from claims.models import Quote, Statement
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, shot

READER_PAGES = {
    "home": "/",
    "statement-list": "/statements/",
    "statement-search": "/statements/?q=drones&stance=denied",
    "statement": "/statements/17/",
    "actor-list": "/actors/",
    "actor": "/actors/iran/",
    "person": "/actors/dmitry-peskov/",
    "claim-list": "/claims/",
    "claim": "/claims/iran-supplied-drones-to-russia/",
    "article-list": "/articles/",
    "article": "/articles/1/",
    "about": "/about/",
    "data": "/data/",
    "sign-in": "/accounts/login/",
    "api-docs": "/api/v1/docs/",
    "history": "/history/statement/17/",
    "missing": "/actors/nobody-of-that-name/",
    "bad-filter": "/statements/?stance=maybe",
}
EDITOR_PAGES = {
    "article-new": "/articles/new/",
    "article-edit": "/articles/1/edit/",
    "statement-new": "/articles/1/statements/new/",
    "statement-edit": "/statements/17/edit/",
    "actor-edit": "/actors/iran/edit/",
    "claim-edit": "/claims/iran-supplied-drones-to-russia/edit/",
    "actor-merge": "/actors/iran/merge/",
    "claim-merge": "/claims/iran-supplied-drones-to-russia/merge/",
    "statement-delete": "/statements/17/delete/",
    "tokens": "/accounts/tokens/",
    # The article page as an editor sees it: the text beside its suggested statements.
    "article-suggestions": "/articles/1/",
}
# The page's own width, and any box whose content runs out of it (text cut at the edge
# of a panel shows even when the page does not scroll): a box that scrolls on purpose
# (overflow auto or hidden) is allowed.
OVERFLOW = """() => {
  const root = document.documentElement;
  const spilling = [...document.querySelectorAll("main *, header *, footer *")]
    .filter((el) => {
      const style = getComputedStyle(el);
      return !style.display.startsWith("inline") && style.display !== "none"
        && style.overflowX === "visible" && el.clientWidth > 0
        && el.scrollWidth > el.clientWidth + 1
        && !el.closest(".timeline-scroll, .table-scroll, .swagger-ui");
    })
    .slice(0, 5)
    .map((el) => `${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
  return {scroll: root.scrollWidth, client: root.clientWidth, spilling};
}"""


def sign_in(page, base: str) -> None:
    User.objects.create_superuser("ada", "ada@example.org", "ada-pass-2022")
    page.goto(f"{base}/accounts/login/")
    form = page.locator("main form")
    form.get_by_label("User name").fill("ada")
    form.get_by_label("Password").fill("ada-pass-2022")
    form.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def widths(page, url: str, name: str) -> dict:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # The first screenful, as a phone shows it, for a person to look at.
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"phone-top-{name}.png"))
    return page.evaluate(OVERFLOW)


def test_no_page_scrolls_sideways_on_a_phone(committed_seed, page, live_server):
    base = live_server.url
    quote = Quote.objects.filter(statement_id=17).first()
    version = Statement.history.filter(id=17).order_by("history_id").first()
    pages = READER_PAGES | {"quote-edit": f"/quotes/{quote.pk}/edit/"}
    pages["version"] = f"/history/statement/17/{version.history_id}/"
    page.set_viewport_size(PHONE)

    measured = {name: widths(page, base + url, name) for name, url in READER_PAGES.items()}
    for name in ("statement", "actor", "claim", "about", "api-docs"):
        page.goto(base + READER_PAGES[name])
        shot(page, f"phone-{name}")
    sign_in(page, base)
    signed_in = EDITOR_PAGES | {k: pages[k] for k in ("quote-edit", "version", "history")}
    measured |= {
        f"editor {name}": widths(page, base + url, name) for name, url in signed_in.items()
    }
    for name in ("statement-new", "version"):
        page.goto(base + signed_in[name])
        shot(page, f"phone-{name}")

    assert len(measured) == len(READER_PAGES) + len(signed_in)
    too_wide = {name: m for name, m in measured.items() if m["scroll"] > m["client"]}
    assert too_wide == {}
    spilling = {name: m["spilling"] for name, m in measured.items() if m["spilling"]}
    assert spilling == {}
    assert all(m["client"] <= PHONE["width"] for m in measured.values())


@pytest.mark.parametrize("url", ["/claims/iran-supplied-drones-to-russia/", "/actors/iran/"])
def test_a_timeline_on_a_phone_scrolls_in_its_box_says_so_and_keeps_labels_readable(
    committed_seed, page, live_server, url
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + url)
    box = page.locator("figure.timeline .timeline-scroll")
    svg = box.locator("svg")
    cue = page.locator("figure.timeline .scroll-cue")
    expect(svg).to_be_visible()
    expect(cue).to_be_visible()
    expect(cue).to_contain_text("Scroll")

    sizes = box.evaluate("(el) => ({client: el.clientWidth, scroll: el.scrollWidth})")
    assert sizes["scroll"] > sizes["client"]  # more to see, inside the box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # Every label of the picture, row and year, is at least 12 px tall as drawn.
    heights = svg.locator("text").evaluate_all(
        "(texts) => texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
    )
    assert heights and min(heights) >= 12

    # The last year's marks are reachable: scrolled to the end, the last mark is in view.
    box.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    last = max(
        svg.locator("a.mark").evaluate_all(
            "(marks) => marks.map((m) => m.getBoundingClientRect().right)"
        )
    )
    assert last <= PHONE["width"]
    shot(page, "phone-timeline-scrolled-" + url.strip("/").replace("/", "-"))

    page.set_viewport_size(DESKTOP)
    expect(cue).to_be_hidden()  # wide enough: the whole picture shows, no cue
    shot(page, "desktop-timeline-" + url.strip("/").replace("/", "-"))
