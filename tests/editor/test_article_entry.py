"""Entering an article (sources/views.py): who may, and typing it in. Extracting it from
a saved page and fetching it from an address: test_article_extraction.py and
test_article_fetching.py."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from sources.models import Article, Outlet
from tests.editor.entering import CREATE, typed
from tests.factories import PARAGRAPHS, make_article, make_outlet

pytestmark = pytest.mark.django_db


# --- who may enter an article ------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(CREATE)

    assertRedirects(response, f"/accounts/login/?next={CREATE}", fetch_redirect_response=False)


def test_anonymous_post_is_sent_to_sign_in_and_writes_nothing(client):
    outlet = make_outlet()

    response = client.post(CREATE, typed(outlet))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Article.objects.exists()


def test_reader_cannot_open_the_form(reader_client):
    assert reader_client.get(CREATE).status_code == 403


def test_reader_cannot_post_an_article_even_without_the_form(reader_client):
    outlet = make_outlet()

    response = reader_client.post(CREATE, typed(outlet))

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_reader_cannot_create_an_outlet_through_the_form(reader_client):
    response = reader_client.post(CREATE, typed(new_outlet="Turan"))

    assert response.status_code == 403
    assert not Outlet.objects.exists()


@pytest.mark.parametrize("cast", ["editor_client", "administrator_client"])
def test_editors_and_administrators_get_the_form_with_a_csrf_token(request, cast):
    response = request.getfixturevalue(cast).get(CREATE)

    assertContains(response, "Add an article")
    assertContains(response, 'name="csrfmiddlewaretoken"')
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, 'value="en"')  # the language a new article starts with


@pytest.mark.parametrize("cast", ["editor_client", "administrator_client"])
def test_editors_and_administrators_can_save_an_article(request, cast):
    outlet = make_outlet()

    response = request.getfixturevalue(cast).post(CREATE, typed(outlet))

    article = Article.objects.get()
    assertRedirects(
        response, article.get_absolute_url() + "#suggestions", fetch_redirect_response=False
    )


def test_a_post_without_the_csrf_token_is_refused(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)

    response = browser.post(CREATE, typed(make_outlet()))

    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("cast", "shown"),
    [
        ("anonymous_client", False),
        ("reader_client", False),
        ("editor_client", True),
        ("administrator_client", True),
    ],
)
def test_only_editors_see_the_add_an_article_link(request, cast, shown):
    response = request.getfixturevalue(cast).get(reverse("sources:article-list"))

    assert response.status_code == 200
    assert (CREATE in response.content.decode()) is shown


# --- typing an article -------------------------------------------------------------


def test_editor_enters_an_article_by_typing_it(editor_client):
    outlet = make_outlet(name="HotNews.ro", slug="hotnews-ro")

    response = editor_client.post(CREATE, typed(outlet, note="Date from the print edition."))

    article = Article.objects.get()
    assertRedirects(
        response, article.get_absolute_url() + "#suggestions", fetch_redirect_response=False
    )
    assert article.outlet == outlet
    assert article.title == "Iran denies supplying drones to Russia"
    assert article.url == "https://news.example/iran-denies-drones"
    assert article.published_on == datetime.date(2022, 10, 20)
    assert article.language == "en"
    assert article.body == "\n\n".join(PARAGRAPHS)
    assert article.note == "Date from the print edition."
    assertContains(editor_client.get(article.get_absolute_url()), f"Saved article #{article.pk}.")


def test_a_body_pasted_from_a_browser_keeps_plain_line_ends(editor_client):
    body = "\r\n\r\n".join(PARAGRAPHS) + "\r\n"

    editor_client.post(CREATE, typed(make_outlet(), body=body))

    assert Article.objects.get().body == "\n\n".join(PARAGRAPHS)


def test_an_article_without_url_can_be_entered(editor_client):
    editor_client.post(CREATE, typed(make_outlet(), url=""))
    editor_client.post(CREATE, typed(make_outlet(), url="", title="Another one"))

    assert Article.objects.filter(url="").count() == 2


def test_editor_enters_an_article_with_a_new_outlet(editor_client):
    make_outlet(name="Turan Information Agency", slug="turan")

    response = editor_client.post(CREATE, typed(new_outlet="  Turan  "))

    article = Article.objects.select_related("outlet").get()
    assertRedirects(response, article.get_absolute_url() + "#suggestions")
    assert article.outlet.name == "Turan"
    assert article.outlet.slug == "turan-2"
    assert Outlet.objects.count() == 2


def test_typing_the_name_of_an_existing_outlet_uses_that_outlet(editor_client):
    outlet = make_outlet(name="HotNews.ro", slug="hotnews-ro")

    editor_client.post(CREATE, typed(new_outlet="hotnews.RO"))

    assert Article.objects.get().outlet == outlet
    assert Outlet.objects.count() == 1


def test_picking_an_outlet_and_typing_a_new_one_is_refused(editor_client):
    outlet = make_outlet()

    response = editor_client.post(CREATE, typed(outlet, new_outlet="Turan"))

    assert response.status_code == 400
    assertContains(
        response, "Pick an outlet from the list or type a new one, not both.", status_code=400
    )
    assert not Article.objects.exists()
    assert Outlet.objects.count() == 1


def test_an_article_without_an_outlet_is_refused_and_keeps_what_was_typed(editor_client):
    response = editor_client.post(CREATE, typed(note="Seen in print"))

    assertContains(
        response, "Outlet</a>: Pick the outlet that published the article", status_code=400
    )
    assertContains(response, 'value="Iran denies supplying drones to Russia"', status_code=400)
    assertContains(response, "Seen in print</textarea>", status_code=400)
    assert not Article.objects.exists()


def test_missing_title_body_and_date_are_named_and_nothing_is_saved(editor_client):
    outlet = make_outlet()

    response = editor_client.post(
        CREATE, typed(outlet, title="", body="   ", published_on="", note="kept")
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "Title</a>: This field is required." in content
    assert "Body</a>: This field is required." in content
    assert "Publication date</a>: This field is required." in content
    assert "<strong>Title:</strong> This field is required." in content  # at the field too
    assert 'value="https://news.example/iran-denies-drones"' in content
    assert f'<option value="{outlet.pk}" selected>' in content
    assert "kept</textarea>" in content
    assert not Article.objects.exists()


def test_an_impossible_date_is_refused_on_its_field(editor_client):
    response = editor_client.post(CREATE, typed(make_outlet(), published_on="2022-02-30"))

    assertContains(response, "Publication date</a>: Enter a valid date.", status_code=400)
    assertContains(response, 'value="2022-02-30"', status_code=400)
    assert not Article.objects.exists()


def test_a_malformed_url_is_refused_on_its_field(editor_client):
    response = editor_client.post(CREATE, typed(make_outlet(), url="not a url"))

    assertContains(response, "URL</a>: Enter a valid URL.", status_code=400)
    assert not Article.objects.exists()


def test_the_same_url_twice_is_refused_with_a_link_to_the_existing_article(editor_client):
    existing = make_article(url="https://news.example/iran-denies-drones", title="First entry")

    response = editor_client.post(CREATE, typed(make_outlet(), title="Second entry"))

    assert response.status_code == 400
    assertContains(
        response,
        f"URL</a>: This URL is already entered, as article #{existing.pk}.",
        status_code=400,
    )
    assertContains(
        response,
        f'<a href="{existing.get_absolute_url()}">article #{existing.pk}, “First entry”</a>',
        status_code=400,
    )
    assertContains(response, 'value="Second entry"', status_code=400)
    assert Article.objects.count() == 1


def test_a_new_outlet_is_not_created_when_the_article_is_refused(editor_client):
    make_article(url="https://news.example/iran-denies-drones")

    editor_client.post(CREATE, typed(new_outlet="Brand New Outlet"))

    assert not Outlet.objects.filter(name="Brand New Outlet").exists()


def test_typed_markup_is_shown_as_text_when_the_form_comes_back(editor_client):
    response = editor_client.post(
        CREATE, typed(title="", body="<script>alert('body')</script> text")
    )

    assertContains(
        response, "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt; text", status_code=400
    )
    assertNotContains(response, "<script>alert(", status_code=400)
