"""sources/extraction.py: a saved web page's title, date, address, language, outlet and
article text, leaving out what a reader never sees; and the outlet the import fills in."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from sources import extraction
from sources.models import Outlet
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


# --- the outlet and what a reader never sees -------------------------------------------

STORY = (
    "Iran's foreign ministry on Monday rejected reports that it had supplied drones to Russia.",
    "“We have not supplied weapons to any of the belligerent countries,” the spokesman said.",
    "Ukrainian officials said the wreckage of the drones pointed to Iranian manufacture.",
)


def page(*, head: str = "", inside: str = "") -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Iran denies supplying drones | Site</title>{head}</head>
<body><header><nav><a href="/">Home</a></nav></header>
<main><article><h1>Iran denies supplying drones</h1>
{body}
{inside}
</article></main><footer>© Site</footer></body></html>"""


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="og:site_name" content="Turan Information Agency">',
            "Turan Information Agency",
        ),
        ("<meta content='HotNews.ro' property='og:site_name'>", "HotNews.ro"),
        (
            json_ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "RT"}}),
            "RT",
        ),
        (
            json_ld(
                {
                    "@graph": [
                        {"@type": "WebPage"},
                        {"@type": "NewsArticle", "publisher": {"name": " Kyiv  Post "}},
                    ]
                }
            ),
            "Kyiv Post",
        ),
        (json_ld([{"@type": "NewsArticle", "publisher": [{"name": "Reuters"}]}]), "Reuters"),
        ('<script type="application/ld+json">{not json</script>', ""),
        ("", ""),
    ],
)
def test_the_outlet_is_read_from_og_site_name_or_the_json_ld_publisher(head, expected):
    assert extraction.extract_article(page(head=head)).outlet == expected


@pytest.mark.parametrize(
    "hidden",
    [
        "<p hidden>Subscribe to read the hidden teaser text.</p>",
        '<p aria-hidden="true">Subscribe to read the hidden teaser text.</p>',
        '<div style="display: none">Subscribe to read the hidden teaser text.</div>',
        '<div style="visibility:hidden">Subscribe to read the hidden teaser text.</div>',
        '<div class="ad-slot">Subscribe to read the hidden teaser text.</div>',
        "<p>Advertisement</p>",
        "<div><span>ADVERTISEMENT</span></div>",
    ],
)
def test_hidden_elements_and_advertisements_are_left_out_of_the_body(hidden):
    body = extraction.extract_article(page(inside=hidden)).body

    assert "teaser" not in body and "dvertisement" not in body.lower()
    assert STORY[1] in body


def test_an_article_whose_container_has_ad_in_its_class_keeps_its_text():
    html = page().replace("<article>", '<article class="story has-ad">')

    assert STORY[2] in extraction.visible_html(html)


def upload(html: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("saved.html", html.encode(), content_type="text/html")


def test_an_imported_page_picks_the_outlet_it_names(client, editor):
    turan = Outlet.objects.create(name="Turan", slug="turan")
    client.force_login(editor)
    head = '<meta property="og:site_name" content="TURAN">'

    response = client.post("/articles/new/", {"action": "extract", "page": upload(page(head=head))})

    assertContains(response, f'<option value="{turan.pk}" selected>')


def test_an_imported_page_proposes_an_unknown_outlet_as_new(client, editor):
    client.force_login(editor)
    head = json_ld({"publisher": {"name": "The Kyiv Independent"}})

    response = client.post("/articles/new/", {"action": "extract", "page": upload(page(head=head))})

    assertContains(response, 'name="new_outlet" value="The Kyiv Independent"')
    assert not Outlet.objects.filter(name="The Kyiv Independent").exists()


def test_an_outlet_the_editor_chose_is_kept_over_the_page(client, editor):
    chosen = Outlet.objects.create(name="Chosen", slug="chosen")
    client.force_login(editor)
    head = '<meta property="og:site_name" content="Other Site">'

    response = client.post(
        "/articles/new/",
        {"action": "extract", "page": upload(page(head=head)), "outlet": str(chosen.pk)},
    )

    assertContains(response, f'<option value="{chosen.pk}" selected>')
    assert "Other Site" not in response.content.decode()
