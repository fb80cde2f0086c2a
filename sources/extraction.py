"""Finding an article's title, date, address, language and text in a saved web page.

Pure functions on strings: nothing here touches the network or the database, so a page
uploaded by an editor and a page fetched by the server go through the same code.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.utils import decode_file

# Enough of the page to find a <meta charset> or <html lang> in its head.
_HEAD_LENGTH = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)""", re.I
)
# Browsers mark a page saved with "Save as" by where it came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_LANGUAGE_LENGTH = 16  # Article.language
_OUTLET_LENGTH = 200  # Outlet.name
_SITE_NAME = re.compile(
    r"""<meta\b(?=[^>]*\bproperty\s*=\s*["']og:site_name["'])[^>]*\bcontent\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)')""",
    re.I,
)
_JSON_LD = re.compile(
    r"""<script\b[^>]*\btype\s*=\s*["']application/ld\+json["'][^>]*>(.*?)</script>""",
    re.I | re.S,
)
# What a reader never sees: the hidden attribute, aria-hidden, an inline display:none or
# visibility:hidden, and the "Advertisement" labels and slots of news sites.
_HIDDEN = (
    "//*[@hidden] | //*[@aria-hidden='true'] "
    "| //*[contains(translate(@style, ' ', ''), 'display:none')] "
    "| //*[contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
_AD_LABEL = re.compile(r"^\s*(advertisement|advertising|sponsored content|ad)\b[\s:.-]*", re.I)
_AD_TEXT = 300  # characters: more than an advertisement slot holds
_PROSE = ".//p | .//h1 | .//h2 | .//h3 | .//blockquote"
_AD_CLASS = re.compile(r"(^|[\s_-])(ad|ads|advert|advertisement|sponsor(ed)?)([\s_-]|$)", re.I)


class NothingExtracted(ValueError):
    """The page has no article text that could be told apart from its navigation."""


@dataclass(frozen=True)
class Extracted:
    title: str
    published_on: datetime.date | None
    body: str
    url: str
    language: str
    outlet: str = ""  # the site's own name (og:site_name, JSON-LD publisher)

    def found(self) -> dict[str, object]:
        """The fields that were found, by their Article field names."""
        values = {
            "title": self.title,
            "published_on": self.published_on,
            "body": self.body,
            "url": self.url,
            "language": self.language,
            "outlet": self.outlet,
        }
        return {name: value for name, value in values.items() if value}


def decode_html(data: bytes, charset: str | None = None) -> str:
    """A page's text, from the charset the server declared, then the one the page
    declares, then a guess."""
    declared = _META_CHARSET.search(data[:_HEAD_LENGTH])
    for name in (charset, declared.group(1).decode("ascii") if declared else None):
        if not name:
            continue
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_file(data)


def extract_article(html: str, url: str | None = None) -> Extracted:
    document = trafilatura.bare_extraction(
        visible_html(html),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    text = (getattr(document, "text", None) or "").strip() if document else ""
    if not text:
        raise NothingExtracted("no article text was found in the page")
    title = _one_line(document.title or "")
    return Extracted(
        title=title,
        published_on=_date(document.date),
        body=_body(text, title),
        url=document.url or _saved_from(html) or url or "",
        language=(document.language or _page_language(html))[:_LANGUAGE_LENGTH],
        outlet=outlet_name(html),
    )


def visible_html(html: str) -> str:
    """The page without what a reader never sees, so that no hidden text (a hidden
    teaser, an advertisement slot) ends up in the body that quotes point into."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    doomed = list(tree.xpath(_HIDDEN))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        # An advertisement slot holds little text and no paragraphs; a container that
        # merely has "ad" in its class ("has-ad") and holds the article must stay.
        marked = _AD_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}")
        if marked or len(element) <= 2:
            label = element.text_content()
            slot = marked and len(label) < _AD_TEXT and not element.xpath(_PROSE)
            if slot or (len(label) < 40 and _AD_LABEL.fullmatch(label)):
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None and element.tag not in {"html", "body"}:
            element.drop_tree()
    return lxml.html.tostring(tree, encoding="unicode")


def outlet_name(html: str) -> str:
    """The publisher's name as the page gives it: og:site_name, else the JSON-LD
    publisher (of the article, or of anything in its @graph)."""
    match = _SITE_NAME.search(html)
    if match and _one_line(match.group(1) or match.group(2) or ""):
        return _one_line(match.group(1) or match.group(2))[:_OUTLET_LENGTH]
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for publisher in _publishers(data):
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and _one_line(name):
                return _one_line(name)[:_OUTLET_LENGTH]
    return ""


def _publishers(data: object) -> Iterator[object]:
    if isinstance(data, list):
        for item in data:
            yield from _publishers(item)
    elif isinstance(data, dict):
        publisher = data.get("publisher")
        if isinstance(publisher, list):
            yield from publisher
        elif publisher:
            yield publisher
        yield from _publishers(data.get("@graph", []))


def _body(text: str, title: str) -> str:
    # Paragraphs one blank line apart, as the seed articles are typed; the headline is
    # the title, not part of the body that quotes point into.
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if len(paragraphs) > 1 and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _page_language(html: str) -> str:
    match = _HTML_LANG.search(html[:_HEAD_LENGTH])
    return match.group(1) if match else ""


def _saved_from(html: str) -> str:
    match = _SAVED_FROM.search(html[:_HEAD_LENGTH])
    return match.group(1) if match else ""
