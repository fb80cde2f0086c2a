"""sources/extraction.py: a saved web page's title, date, address, language and article
text, without a database."""

from __future__ import annotations

import datetime

from sources import extraction
from tests.factories import PARAGRAPHS, saved_page


def test_extraction_finds_title_date_address_language_and_paragraphs():
    found = extraction.extract_article(saved_page(), None)

    assert found == extraction.Extracted(
        title="Iran denies supplying drones to Russia",
        published_on=datetime.date(2022, 10, 20),
        body="\n\n".join(PARAGRAPHS),
        url="https://news.example/iran-denies-drones",
        language="en",
    )


def test_extraction_falls_back_to_the_address_the_page_was_saved_from():
    page = "<!-- saved from url=(0032)https://news.example/saved-page -->\n" + saved_page(
        canonical=None
    )

    assert extraction.extract_article(page, None).url == "https://news.example/saved-page"


def test_extraction_uses_the_address_it_was_fetched_from_when_the_page_names_none():
    found = extraction.extract_article(saved_page(canonical=None), "https://news.example/x")

    assert found.url == "https://news.example/x"


def test_extraction_keeps_markup_in_the_text_as_text():
    page = saved_page(
        paragraphs=(*PARAGRAPHS, "He wrote &lt;script&gt;alert(1)&lt;/script&gt; in the chat.")
    )

    assert "<script>alert(1)</script>" in extraction.extract_article(page, None).body
