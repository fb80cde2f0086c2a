"""Finding an article's title, date, address, language and text in a saved web page.

Pure functions on strings: nothing here touches the network or the database, so a page
uploaded by an editor and a page fetched by the server go through the same code.
"""

from __future__ import annotations

import codecs
import datetime
import re
from dataclasses import dataclass

import trafilatura
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


class NothingExtracted(ValueError):
    """The page has no article text that could be told apart from its navigation."""


@dataclass(frozen=True)
class Extracted:
    title: str
    published_on: datetime.date | None
    body: str
    url: str
    language: str

    def found(self) -> dict[str, object]:
        """The fields that were found, by their Article field names."""
        values = {
            "title": self.title,
            "published_on": self.published_on,
            "body": self.body,
            "url": self.url,
            "language": self.language,
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
        html,
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
    )


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
