"""Entering an article by uploading the page a browser saved: the form comes back filled
in for the editor to check, and nothing is saved until they do."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from sources.models import Article
from tests.editor.entering import CREATE, upload
from tests.factories import PARAGRAPHS, make_article, make_outlet, saved_page

pytestmark = pytest.mark.django_db


def test_uploading_a_saved_page_prefills_the_form_and_saves_nothing(editor_client):
    response = editor_client.post(CREATE, {"action": "extract", "page": upload(saved_page())})

    assert response.status_code == 200
    assertContains(response, "Found in the page:")
    assertContains(response, 'value="Iran denies supplying drones to Russia"')
    assertContains(response, 'value="2022-10-20"')
    assertContains(response, 'value="https://news.example/iran-denies-drones"')
    assertContains(response, "where the spokesman answered questions about drones seen over Kyiv.")
    assertNotContains(response, "Most read")
    assertNotContains(response, "All rights reserved")
    assert not Article.objects.exists()
    form = response.context["form"]
    assert form.initial["body"] == "\n\n".join(PARAGRAPHS)
    assert form.initial["published_on"] == datetime.date(2022, 10, 20)


def test_the_extracted_article_is_saved_when_the_editor_submits_again(editor_client):
    outlet = make_outlet()
    response = editor_client.post(CREATE, {"action": "extract", "page": upload(saved_page())})
    form = response.context["form"]
    checked = {name: form.initial.get(name, "") for name in ("title", "url", "language", "body")}

    response = editor_client.post(
        CREATE, checked | {"outlet": outlet.pk, "published_on": "2022-10-20", "action": "save"}
    )

    article = Article.objects.get()
    assertRedirects(response, article.get_absolute_url() + "#suggestions")
    assert article.title == "Iran denies supplying drones to Russia"
    assert article.body == "\n\n".join(PARAGRAPHS)


def test_extracting_keeps_what_the_editor_had_typed_in_other_fields(editor_client):
    outlet = make_outlet()

    response = editor_client.post(
        CREATE,
        {
            "action": "extract",
            "page": upload(saved_page()),
            "outlet": outlet.pk,
            "note": "Saved on 21 October",
        },
    )

    assertContains(response, f'<option value="{outlet.pk}" selected>')
    assertContains(response, "Saved on 21 October</textarea>")


def test_what_the_page_does_not_say_is_listed_for_the_editor(editor_client):
    page = saved_page(published=None, canonical=None)

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(page)})

    assertContains(response, "Not found:")
    assertContains(response, "URL")
    assert "url" not in response.context["form"].initial


def test_a_page_whose_address_is_already_entered_says_so_at_once(editor_client):
    existing = make_article(url="https://news.example/iran-denies-drones")

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(saved_page())})

    assertContains(response, f'<a href="{existing.get_absolute_url()}">article #{existing.pk}')
    assert Article.objects.count() == 1


def test_a_page_saved_in_another_encoding_is_read_in_it(editor_client):
    page = saved_page(title="Иран отрицает поставки дронов", lang="ru").replace(
        'charset="utf-8"', 'charset="windows-1251"'
    )

    response = editor_client.post(
        CREATE, {"action": "extract", "page": upload(page.encode("windows-1251"))}
    )

    assertContains(response, 'value="Иран отрицает поставки дронов"')
    assertContains(response, 'value="ru"')


def test_extracting_without_a_file_asks_for_one(editor_client):
    response = editor_client.post(CREATE, {"action": "extract", "title": "Kept"})

    assertContains(response, "Saved web page</a>: Choose a saved web page", status_code=400)
    assertContains(response, 'value="Kept"', status_code=400)


def test_a_file_that_is_not_a_saved_web_page_is_refused(editor_client):
    response = editor_client.post(
        CREATE, {"action": "extract", "page": upload("%PDF-1.4", name="article.pdf")}
    )

    assertContains(response, "“article.pdf” is not a saved web page", status_code=400)
    assert not Article.objects.exists()


def test_a_page_larger_than_5_mb_is_refused(editor_client):
    big = saved_page() + "<!--" + "x" * (5 * 1024 * 1024) + "-->"

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(big)})

    assertContains(response, "the limit is 5 MB", status_code=400)


def test_a_page_without_article_text_is_refused_on_its_field(editor_client):
    page = "<html><head><title>Sign in</title></head><body><form></form></body></html>"

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(page)})

    assertContains(response, "Saved web page</a>: No article text was found", status_code=400)
