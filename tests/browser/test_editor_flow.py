"""An editor's day in Chromium, step by step as a person would do it: sign in, upload a
saved web page, check what was extracted, save the article, drag the mouse over a
sentence, record a statement from it (actor and speaker typed by alias, the date typed
as the article words it), find it on the actor's page and in the history; then two
editors in two sessions edit the statement at once, and the second is refused."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from claims.models import Actor, ActorAlias, Claim, Statement
from sources.models import Article, Outlet
from tests.browser.conftest import shot
from tests.factories import make_user

# Two characters outside the Basic Multilingual Plane come before the sentence: the
# rocket is one surrogate pair, the flag two. The browser counts 3 more UTF-16 units
# before the sentence than the server counts code points.
SENTENCE = (
    "“Iran has not sent any drones to Russia for use in the war in Ukraine,” "
    "Kanaani told reporters in Tehran on Monday."
)
TITLE = "Iran denies sending drones to Russia"
PAGE_URL = "https://gulfledger.example/world/2022/10/20/iran-denies-drones"
SAVED_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- saved from url=(0061){PAGE_URL} -->
<title>{TITLE} | The Gulf Ledger</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="The Gulf Ledger">
<meta property="article:published_time" content="2022-10-20T08:30:00+03:30">
<meta name="author" content="Leila Rahimi">
<link rel="stylesheet" href="ledger.css">
</head>
<body>
<header class="masthead"><a href="/">The Gulf Ledger</a>
<nav><ul><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li>
<li><a href="/sport/">Sport</a></li><li><a href="/opinion/">Opinion</a></li></ul></nav>
<form action="/search"><input name="q"><button>Search</button></form></header>
<main>
<article>
<h1>{TITLE}</h1>
<p class="byline">By Leila Rahimi · 20 October 2022</p>
<p>Within minutes of the first reports, accounts close to the government had posted a
rocket 🚀 beside an Iranian flag 🇮🇷 and the words “fake news”.</p>
<p>{SENTENCE} He added that Tehran wanted the war to end through talks.</p>
<p>Ukrainian officials said the wreckage of drones shot down over Kyiv showed Iranian
markings, and Western governments announced new sanctions the same week.</p>
<p>The foreign ministry did not say whether any drones had been delivered before the
invasion began in February.</p>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Oil prices climb</a></li></ul></aside>
</main>
<footer><p>© 2022 The Gulf Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""
CLAIM = "Iran supplied drones to Russia"
FIRST_NOTE = "Checked against the ministry's own transcript of the briefing."
SECOND_NOTE = "Said at the weekly press briefing."


@pytest.fixture
def records(transactional_db):
    """What the editor finds already entered: the actors (with the aliases typed
    below), the claim, and an outlet that is not this article's."""
    iran = Actor.objects.create(name="Iran", slug="iran", kind="state")
    ActorAlias.objects.create(actor=iran, name="Tehran")
    kanaani = Actor.objects.create(
        name="Nasser Kanaani",
        slug="nasser-kanaani",
        kind="person",
        speaks_for=iran,
        description="Iranian foreign ministry spokesman",
    )
    ActorAlias.objects.create(actor=kanaani, name="Kannani")
    Claim.objects.create(slug="iran-supplied-drones-to-russia", text=CLAIM)
    Outlet.objects.create(name="Kyiv Independent", slug="kyiv-independent")
    return {"iran": iran, "kanaani": kanaani}


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    form = page.locator("main form")  # the header's search form has a button too
    form.get_by_label("User name").fill(username)
    form.get_by_label("Password").fill(f"pw-{username}")
    form.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator("header .account")).to_contain_text(username)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def drag_over(page, text: str) -> None:
    """Press the mouse before the first character of `text` in the article body, move
    it to after the last one, and release it, as a person selects a sentence."""
    ends = page.evaluate(
        """(text) => {
            // The body's words may run across several elements (quotes, suggestions):
            // find them in the text of all its nodes, then each end in its own node.
            const body = document.querySelector('.article-body');
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let whole = "";
            for (let node; (node = walker.nextNode()); ) {
                nodes.push([node, whole.length]);
                whole += node.data;
            }
            const at = whole.indexOf(text);
            if (at < 0) return null;
            const point = (offset, last) => {
                for (let i = nodes.length - 1; i >= 0; i--) {
                    const [node, start] = nodes[i];
                    if (start < offset || (!last && start === offset)) {
                        return [node, offset - start];
                    }
                }
                return [nodes[0][0], 0];
            };
            const range = document.createRange();
            const place = (from, to) => {
                range.setStart(...point(from, false));
                range.setEnd(...point(to, true));
                return range.getBoundingClientRect();
            };
            // Centre the sentence, so the drag never nears an edge of the window
            // and the page never scrolls under the mouse.
            const sentence = place(at, at + text.length);
            window.scrollBy(0, sentence.top + sentence.height / 2 - window.innerHeight / 2);
            const first = place(at, at + 1);
            const last = place(at + text.length - 1, at + text.length);
            return {x1: first.left + 1, y1: first.top + first.height / 2,
                    x2: last.right - 1, y2: last.top + last.height / 2};
        }""",
        text,
    )
    assert ends, f"{text!r} is not in the article body"
    page.mouse.move(ends["x1"], ends["y1"])
    page.mouse.down()
    page.mouse.move(ends["x2"], ends["y2"], steps=12)
    page.mouse.up()


def post_response(page):
    return page.expect_response(lambda response: response.request.method == "POST")


def test_an_editor_enters_an_article_records_a_statement_and_a_stale_edit_is_refused(
    records, page, new_page, live_server, tmp_path
):
    base = live_server.url
    make_user("nadia", "editor")
    make_user("omid", "editor")

    # 1. Sign in.
    page.goto(f"{base}/accounts/login/")
    shot(page, "editor-01-sign-in")
    sign_in(page, base, "nadia")

    # 2. Upload the saved page and extract the article from it.
    saved = tmp_path / "Iran denies sending drones to Russia - The Gulf Ledger.html"
    saved.write_text(SAVED_PAGE, encoding="utf-8")
    page.goto(f"{base}/articles/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an article")
    page.get_by_label("Saved web page").set_input_files(saved)
    page.get_by_role("button", name="Extract from file").click()

    found = page.get_by_role("status")
    expect(found).to_contain_text(
        "Found in the page: Title, Publication date, Body, URL, Language, New outlet."
    )
    expect(found).to_contain_text("nothing is saved until you do")
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Publication date")).to_have_value("2022-10-20")
    expect(page.get_by_label("URL", exact=True)).to_have_value(PAGE_URL)
    body = page.locator("textarea[name=body]")
    expect(body).to_have_value(re.compile(re.escape(SENTENCE)))
    expect(body).to_have_value(re.compile("rocket 🚀 beside an Iranian flag 🇮🇷"))
    for chrome in ("Sport", "Privacy", "Oil prices", "All rights reserved", "By Leila"):
        expect(body).not_to_have_value(re.compile(chrome))  # page furniture, not article
    assert Article.objects.count() == 0  # nothing saved by extracting
    shot(page, "editor-02-extracted")

    # 3. The outlet is not in the list: the page's og:site_name is proposed as a new
    # outlet, which saving creates. Save.
    expect(page.get_by_label("Outlet", exact=True)).to_have_value("")
    expect(page.get_by_label("New outlet")).to_have_value("The Gulf Ledger")
    page.locator("main form").get_by_role("button", name="Save", exact=True).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main .notice")).to_have_text(re.compile(r"^Saved article #\d+\.$"))
    expect(page.locator("main .meta").first).to_contain_text("The Gulf Ledger")
    article = Article.objects.get()
    assert article.outlet.name == "The Gulf Ledger"
    assert article.published_on == datetime.date(2022, 10, 20)
    shot(page, "editor-03-article")

    # 4. Select the sentence with the mouse; the selection script offers a link.
    record_link = page.get_by_role("link", name="Record a statement from this quote")
    expect(record_link).to_be_hidden()
    drag_over(page, SENTENCE)
    assert page.evaluate("() => window.getSelection().toString()") == SENTENCE
    expect(record_link).to_be_visible()
    # The link counts UTF-16 units, as the browser does: the three astral characters
    # before the sentence count twice, so the offsets are not the stored code points.
    start = article.body.index(SENTENCE)
    u16start = len(article.body[:start].encode("utf-16-le")) // 2
    u16end = u16start + len(SENTENCE.encode("utf-16-le")) // 2
    assert u16start == start + 3
    expect(record_link).to_have_attribute(
        "href", f"/articles/{article.pk}/statements/new/?u16start={u16start}&u16end={u16end}"
    )
    shot(page, "editor-04-selected")
    record_link.click()

    # 5. The form holds exactly the selected sentence, anchored at its code point.
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a statement")
    expect(page.get_by_label("Quote", exact=True)).to_have_value(SENTENCE)
    expect(page.locator("input[name=start]")).to_have_value(str(start))

    # Actor and speaker by alias: the suggestions name the actor the alias belongs to.
    page.get_by_label("Actor", exact=True).press_sequentially("Tehran", delay=30)
    expect(page.locator("#actor-names option")).to_have_count(1)
    expect(page.locator("#actor-names option")).to_have_attribute("value", "Iran")
    page.get_by_label("Speaker").press_sequentially("Kannani", delay=30)
    expect(page.locator("#speaker-names option")).to_have_count(1)
    expect(page.locator("#speaker-names option")).to_have_attribute("value", "Nasser Kanaani")
    # The claim, as picking it from the suggestions fills it in.
    expect(page.locator(f'#claim-texts option[value="{CLAIM}"]')).to_have_count(1)
    page.get_by_label("Claim", exact=True).fill(CLAIM)
    page.get_by_role("group", name="Stance").get_by_role("radio", name="denied").check()

    # The date as the article words it, resolved from the publication date (a
    # Thursday) when the field loses focus.
    page.get_by_label("The article's words for the date").fill("on Monday")
    page.get_by_label("The article's words for the date").press("Tab")
    expect(page.get_by_label("Date made")).to_have_value("2022-10-17")
    expect(page.get_by_label("Precision")).to_have_value("day")
    expect(page.locator("#resolved-date")).to_contain_text("“on Monday” is")
    shot(page, "editor-05-statement-form")

    # 6. Save: the statement page.
    with post_response(page) as posted:
        page.get_by_role("button", name="Save the statement").click()
    assert posted.value.status == 302
    expect(page).to_have_url(re.compile(r"/statements/\d+/$"))
    statement = Statement.objects.get()
    expect(page.locator("main .notice")).to_have_text(f"Recorded statement #{statement.pk}.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Iran denied: {CLAIM}")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Nasser Kanaani")
    expect(facts).to_contain_text("“on Monday” in the article")
    expect(page.locator("figure.quote-in-context mark")).to_have_text(SENTENCE)
    assert (statement.actor, statement.speaker) == (records["iran"], records["kanaani"])
    assert (statement.made_on, statement.made_on_precision) == (datetime.date(2022, 10, 17), "day")
    quote = statement.quotes.get()
    assert (quote.text, quote.start, quote.end) == (SENTENCE, start, start + len(SENTENCE))
    shot(page, "editor-06-statement")

    # 7. The actor's page lists it.
    facts.get_by_role("link", name="Iran", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iran")
    listed = page.locator("article.statement").filter(
        has=page.get_by_role("link", name=f"statement #{statement.pk}")
    )
    expect(listed).to_have_count(1)
    expect(listed.locator("blockquote")).to_contain_text(SENTENCE)
    expect(listed.locator(".stance")).to_contain_text("denied")
    shot(page, "editor-07-actor")

    # 8. Its history: created by this editor, with its quote added.
    listed.get_by_role("link", name=f"statement #{statement.pk}").click()
    page.locator(".record-actions").get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"History of statement {statement.pk}"
    )
    versions = page.locator("ol.history > li")
    expect(versions).to_have_count(2)
    expect(versions.filter(has_text="created by nadia")).to_have_count(1)
    expect(versions.filter(has_text="added a quote by nadia")).to_contain_text(SENTENCE)
    shot(page, "editor-08-history")

    # 9. Two editors, two sessions, one statement.
    other = new_page()
    sign_in(other, base, "omid")
    edit_url = f"{base}/statements/{statement.pk}/edit/"
    for editor in (page, other):
        editor.goto(edit_url)
        expect(editor.get_by_role("heading", level=1)).to_have_text(
            f"Edit statement #{statement.pk}"
        )
        # The form opens on the statement as saved, with no blank stance to pick.
        expect(editor.get_by_label("Actor", exact=True)).to_have_value("Iran")
        expect(editor.get_by_label("Speaker")).to_have_value("Nasser Kanaani")
        stances = editor.get_by_role("group", name="Stance").get_by_role("radio")
        expect(stances).to_have_count(4)
        expect(stances.and_(editor.get_by_label("denied"))).to_be_checked()
    shot(other, "editor-09-second-editor-opened")

    page.get_by_label("Note").fill(FIRST_NOTE)
    with post_response(page) as posted:
        page.locator("main form").get_by_role("button", name="Save", exact=True).click()
    assert posted.value.status == 302
    expect(page.locator("main .notice")).to_have_text(f"Saved statement #{statement.pk}.")
    expect(page.locator("dl.facts")).to_contain_text(FIRST_NOTE)
    shot(page, "editor-10-first-saved")

    other.get_by_label("Note").fill(SECOND_NOTE)
    with post_response(other) as posted:
        other.locator("main form").get_by_role("button", name="Save", exact=True).click()
    assert posted.value.status == 409
    expect(other.locator("main .errors")).to_contain_text(
        "Someone else saved this statement since you opened it; nothing of yours was saved."
    )
    changed = other.locator("table.conflict")
    expect(changed.locator("caption")).to_have_text("What changed")
    note_row = changed.locator("tbody tr").filter(has=other.locator("th", has_text="note"))
    expect(note_row.locator("td")).to_have_text([SECOND_NOTE, FIRST_NOTE])
    expect(other.get_by_label("Note")).to_have_value(SECOND_NOTE)  # what they typed, kept
    expect(other.get_by_role("link", name="Reopen the current version")).to_be_visible()
    shot(other, "editor-11-second-refused")

    statement.refresh_from_db()
    assert statement.note == FIRST_NOTE
    assert statement.version == 2
    assert [(v.history_type, v.history_user.username) for v in statement.history.all()] == [
        ("~", "nadia"),
        ("+", "nadia"),
    ]
