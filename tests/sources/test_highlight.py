"""An article body as HTML: every quote a link to its statement, overlapping quotes too."""

from __future__ import annotations

import re

from sources.highlight import Highlight, highlighted_body

LINK = re.compile(r'<a class="([^"]+)" href="([^"]+)"')


def quote(key: int, body: str, words: str, statement: int) -> Highlight:
    start = body.index(words)
    return Highlight(
        key=key,
        start=start,
        end=start + len(words),
        href=f"/statements/{statement}/",
        title=f"statement {statement}",
        label=f"#{statement}",
    )


def links(html: str) -> list[tuple[str, str]]:
    return LINK.findall(html)


def test_quotes_on_the_same_words_link_to_every_statement_they_support():
    body = "The report said Tehran agreed to send missiles. Nothing more."
    words = "Tehran agreed to send missiles"
    html = highlighted_body(body, [quote(1, body, words, 7), quote(2, body, words, 8)])

    linked = {href for _, href in links(html)}
    assert linked == {"/statements/7/", "/statements/8/"}


def test_a_quote_inside_another_and_one_overlapping_it_each_get_a_marker_to_their_statement():
    body = "Alpha said the drones were Iranian and cheap, Beta said."
    highlights = [
        quote(1, body, "the drones were Iranian", 3),
        quote(2, body, "were Iranian and cheap", 4),
        quote(3, body, "Iranian", 5),
    ]
    html = highlighted_body(body, highlights)

    markers = [href for css, href in links(html) if css == "quote-marker"]
    # At the end of each quote, in the order the quotes start.
    assert markers == ["/statements/3/", "/statements/5/", "/statements/4/"]
    assert ">#5</a>" in html


def test_a_quote_that_overlaps_nothing_gets_no_marker():
    body = "Officials said the drones were Iranian. Moscow denied it."
    html = highlighted_body(
        body, [quote(1, body, "the drones were Iranian", 3), quote(2, body, "Moscow", 4)]
    )

    assert [css for css, _ in links(html)] == ["quote", "quote"]


def test_marker_titles_are_escaped():
    body = "He said <b>no</b> twice."
    mark = Highlight(key=1, start=8, end=17, href="/statements/1/", title='<script>"x"', label="#1")
    same = Highlight(key=2, start=8, end=17, href="/statements/2/", title="ok", label="#2")

    html = highlighted_body(body, [mark, same])

    assert "<script>" not in html and "&lt;b&gt;no&lt;/b&gt;" in html
