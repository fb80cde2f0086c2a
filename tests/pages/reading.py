"""Reading what a page shows the way a researcher reads it: the statements it lists,
its visible text, one section of it, every page of a list."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from django.http import HttpResponse

PERMALINK = re.compile(r'class="permalink" href="/statements/(\d+)/"')
NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]*)"')
TAG = re.compile(r"<[^>]+>")


def page_html(response: HttpResponse) -> str:
    return response.content.decode()


def main_html(response: HttpResponse) -> str:
    """The page's own content, without the site header and footer."""
    return page_html(response).split('<main id="content">', 1)[1].split("</main>", 1)[0]


def listed_ids(content: str | HttpResponse) -> list[int]:
    """Ids of the statements listed, in the order shown (one permalink per statement)."""
    if not isinstance(content, str):
        content = main_html(content)
    return [int(pk) for pk in PERMALINK.findall(content)]


def visible_text(content: str | HttpResponse) -> str:
    if not isinstance(content, str):
        content = main_html(content)
    words = " ".join(html.unescape(TAG.sub(" ", content)).split())
    # A tag between a word and its punctuation is no space to a reader.
    return re.sub(r" (?=[,.:;)])", "", words)


def between(content: str, start: str, end: str | None = None) -> str:
    assert start in content, f"{start!r} is not on the page"
    part = content.split(start, 1)[1]
    return part.split(end, 1)[0] if end else part


def link_query(href: str) -> dict[str, list[str]]:
    """The query of a link as written in the HTML, as {name: [values]}."""
    return parse_qs(urlsplit(html.unescape(href)).query, keep_blank_values=True)


def each_page(client, path: str) -> list[str]:
    """The content of every page of a list, following its "Next" links."""
    pages, url = [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(main_html(response))
        following = NEXT_PAGE.search(pages[-1])
        url = f"{urlsplit(path).path}{html.unescape(following.group(1))}" if following else None
        assert len(pages) < 100, "the Next links never end"
    return pages


def walk_pages(client, path: str) -> list[int]:
    """Ids listed on every page of a list, in the order shown."""
    return [pk for content in each_page(client, path) for pk in listed_ids(content)]


def newest_first(statements) -> list[int]:
    return [s.pk for s in sorted(statements, key=lambda s: (s.made_on, s.pk), reverse=True)]


def cited(response: HttpResponse) -> str:
    """The "Cite this" text of a statement page, as a reader sees it."""
    return visible_text(
        re.search(r'<pre class="cite"[^>]*>(.*?)</pre>', main_html(response), re.DOTALL)[1]
    )
