"""Correcting an article: versions, quotes that follow the text, and what may not be lost."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from claims.models import Quote
from sources import views
from sources.models import Article, Outlet
from tests.factories import make_article, make_outlet, make_quote, make_statement

pytestmark = pytest.mark.django_db

BODY = (
    "Tehran, 17 October. The foreign ministry held its weekly briefing.\n\n"
    "“We have not supplied weapons to any of the belligerent countries,” the spokesman said.\n\n"
    "Officials in Washington disagreed."
)
QUOTED = "We have not supplied weapons to any of the belligerent countries"
LATER = "Officials in Washington disagreed."


@pytest.fixture
def article() -> Article:
    return make_article(
        body=BODY,
        title="Iran denies drone supplies",
        url="https://news.example/iran-denies",
        outlet=make_outlet(name="HotNews.ro", slug="hotnews-ro"),
    )


@pytest.fixture
def quotes(article) -> list[Quote]:
    statement = make_statement(article=article, quote=QUOTED)
    return [statement.quotes.get(), make_quote(statement=statement, article=article, quoted=LATER)]


def edit_url(article: Article) -> str:
    return reverse("sources:article-edit", args=[article.pk])


def submitted(article: Article, **changes) -> dict:
    """The edit form as the editor's browser sends it back, with `changes` typed in."""
    data = {
        "version": article.version,
        "outlet": article.outlet_id,
        "new_outlet": "",
        "title": article.title,
        "url": article.url,
        "published_on": article.published_on.isoformat(),
        "language": article.language,
        "body": article.body,
        "note": article.note,
        "action": "save",
    }
    return data | changes


def unchanged(article: Article) -> bool:
    stored = Article.objects.get(pk=article.pk)
    return (stored.title, stored.body, stored.version) == (
        article.title,
        article.body,
        article.version,
    )


# --- who may edit --------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client, article):
    response = client.get(edit_url(article))

    assertRedirects(
        response, f"/accounts/login/?next={edit_url(article)}", fetch_redirect_response=False
    )


def test_anonymous_post_is_sent_to_sign_in_and_changes_nothing(client, article):
    response = client.post(edit_url(article), submitted(article, title="Vandalised"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert unchanged(article)


def test_reader_cannot_open_the_edit_form(reader_client, article):
    assert reader_client.get(edit_url(article)).status_code == 403


def test_reader_cannot_post_a_correction(reader_client, article):
    response = reader_client.post(edit_url(article), submitted(article, title="Vandalised"))

    assert response.status_code == 403
    assert unchanged(article)


def test_reader_cannot_create_an_outlet_through_the_edit_form(reader_client, article):
    reader_client.post(edit_url(article), submitted(article, outlet="", new_outlet="Fake News"))

    assert not Outlet.objects.filter(name="Fake News").exists()


@pytest.mark.parametrize("cast", ["editor_client", "administrator_client"])
def test_editors_and_administrators_open_the_form_with_the_version(request, cast, article):
    response = request.getfixturevalue(cast).get(edit_url(article))

    assertContains(response, f"Edit article #{article.pk}")
    assertContains(response, 'name="csrfmiddlewaretoken"')
    assertContains(response, '<input type="hidden" name="version" value="1"')
    assertContains(response, 'value="Iran denies drone supplies"')
    assertNotContains(response, "Extract from file")  # importing is for new articles


@pytest.mark.parametrize("cast", ["editor_client", "administrator_client"])
def test_editors_and_administrators_save_a_correction(request, cast, article):
    response = request.getfixturevalue(cast).post(
        edit_url(article), submitted(article, title="Iran denies supplying drones")
    )

    assertRedirects(response, article.get_absolute_url(), fetch_redirect_response=False)
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Iran denies supplying drones"
    assert stored.version == 2


def test_editing_an_unknown_article_is_not_found(editor_client):
    assert editor_client.get(reverse("sources:article-edit", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("cast", "shown"),
    [
        ("anonymous_client", False),
        ("reader_client", False),
        ("editor_client", True),
        ("administrator_client", True),
    ],
)
def test_only_editors_see_the_edit_link_on_the_article_page(request, cast, shown, article):
    response = request.getfixturevalue(cast).get(article.get_absolute_url())

    assert response.status_code == 200
    assert (edit_url(article) in response.content.decode()) is shown


# --- correcting ----------------------------------------------------------------------


def test_a_correction_is_kept_in_the_history_with_its_editor(editor_client, editor, article):
    editor_client.post(edit_url(article), submitted(article, published_on="2022-10-21"))

    stored = Article.objects.get(pk=article.pk)
    assert stored.published_on == datetime.date(2022, 10, 21)
    assert stored.history.first().history_user == editor


def test_an_article_can_move_to_a_new_outlet(editor_client, article):
    editor_client.post(edit_url(article), submitted(article, outlet="", new_outlet="Turan"))

    assert Article.objects.get(pk=article.pk).outlet.name == "Turan"


def test_giving_an_article_the_url_of_another_is_refused(editor_client, article):
    other = make_article(url="https://news.example/other", title="The other one")

    response = editor_client.post(edit_url(article), submitted(article, url=other.url))

    assertContains(
        response, f"This URL is already entered, as article #{other.pk}", status_code=400
    )
    assertContains(response, f'<a href="{other.get_absolute_url()}">', status_code=400)
    assert Article.objects.get(pk=article.pk).url == "https://news.example/iran-denies"


def test_saving_an_article_unchanged_keeps_its_own_url(editor_client, article):
    response = editor_client.post(edit_url(article), submitted(article))

    assert response.status_code == 302


def test_an_emptied_body_is_refused_and_what_was_typed_is_kept(editor_client, article):
    response = editor_client.post(edit_url(article), submitted(article, body="", title="New title"))

    assertContains(response, "Body</a>: This field is required.", status_code=400)
    assertContains(response, 'value="New title"', status_code=400)
    assert unchanged(article)


def test_a_form_without_its_version_is_refused(editor_client, article):
    data = submitted(article, title="No version")
    del data["version"]

    response = editor_client.post(edit_url(article), data)

    assertContains(
        response, "The form lacks the version of the article you opened", status_code=400
    )
    assert unchanged(article)


def test_line_ends_sent_by_a_browser_do_not_count_as_a_correction(editor_client, article, quotes):
    response = editor_client.post(
        edit_url(article), submitted(article, body=BODY.replace("\n", "\r\n"))
    )

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body == BODY
    assert [Quote.objects.get(pk=q.pk).start for q in quotes] == [q.start for q in quotes]
    message = str(list(response.wsgi_request._messages)[0])
    assert message == f"Saved article #{article.pk}."


def test_article_text_is_escaped_on_the_edit_form(editor_client):
    article = make_article(
        title="<b>Bold</b> title",
        body="Before <script>alert('owned')</script> after & more",
        note="<img src=x onerror=alert(1)>",
    )

    response = editor_client.get(edit_url(article))

    assertContains(
        response, "Before &lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; after &amp; more"
    )
    assertContains(response, 'value="&lt;b&gt;Bold&lt;/b&gt; title"')
    assertContains(response, "&lt;img src=x onerror=alert(1)&gt;")
    assertNotContains(response, "<script>alert(")
    assertNotContains(response, "<img src=x")


# --- quotes follow a corrected body ----------------------------------------------------


def test_a_paragraph_inserted_before_the_quotes_moves_them(editor_client, article, quotes):
    inserted = "Updated at 14:00 with the ministry's full statement.\n\n"

    response = editor_client.post(edit_url(article), submitted(article, body=inserted + BODY))

    assertRedirects(response, article.get_absolute_url(), fetch_redirect_response=False)
    stored = Article.objects.get(pk=article.pk)
    assert stored.body == inserted + BODY
    for quote in quotes:
        moved = Quote.objects.get(pk=quote.pk)
        assert moved.start == quote.start + len(inserted)
        assert stored.body[moved.start : moved.end] == quote.text
    page = editor_client.get(article.get_absolute_url())
    assertContains(page, f"Saved article #{article.pk}. The body was corrected; 2 quotes moved")


def test_a_correction_after_the_quotes_moves_none(editor_client, article, quotes):
    response = editor_client.post(edit_url(article), submitted(article, body=BODY + " (AP)"))

    assert response.status_code == 302
    page = editor_client.get(article.get_absolute_url())
    assertContains(page, "The body was corrected; 0 quotes moved")


def test_a_correction_that_changes_quoted_text_is_refused_listing_the_quote(
    editor_client, article, quotes
):
    corrected = BODY.replace("belligerent", "warring").replace("ministry", "Ministry")

    response = editor_client.post(edit_url(article), submitted(article, body=corrected))

    assert response.status_code == 400
    assertContains(
        response,
        "<strong>Body:</strong> The corrected body would leave 1 quote without its text",
        status_code=400,
    )
    lost = quotes[0]
    statement_url = reverse("claims:statement-detail", args=[lost.statement_id])
    assertContains(response, "Quotes this correction changes", status_code=400)
    assertContains(
        response,
        f'<legend><a href="{statement_url}">Statement #{lost.statement_id}</a>, quote {lost.pk}',
        status_code=400,
    )
    assertContains(
        response, "the quoted text no longer occurs in the corrected body", status_code=400
    )
    assertNotContains(response, f"quote {quotes[1].pk}:", status_code=400)  # that one can follow
    assertContains(response, "warring countries", status_code=400)  # what was typed is kept
    assert unchanged(article)
    assert [(q.start, q.end) for q in Quote.objects.order_by("start")] == [
        (q.start, q.end) for q in quotes
    ]


# --- two editors, one article --------------------------------------------------------


def test_a_stale_edit_is_refused_showing_what_changed_and_nothing_is_overwritten(
    editor_client, second_editor_client, article
):
    opened = editor_client.get(edit_url(article)).context["form"]
    mine = submitted(article, title="My title", note="My note")
    assert opened.initial["version"] == mine["version"] == 1

    theirs = second_editor_client.post(
        edit_url(article), submitted(article, title="Their title", language="ro")
    )
    assert theirs.status_code == 302

    response = editor_client.post(edit_url(article), mine)

    assert response.status_code == 409
    assertContains(response, "Someone else saved this article since you opened it", status_code=409)
    assertContains(response, "You opened version 1; it is now at version 2.", status_code=409)
    rows = {change.name: change for change in response.context["conflict"]["changes"]}
    assert set(rows) == {"title", "language", "note"}
    assert (rows["title"].mine, rows["title"].theirs) == ("My title", "Their title")
    assert (rows["language"].mine, rows["language"].theirs) == ("en", "ro")
    assert (rows["note"].mine, rows["note"].theirs) == ("My note", "")
    assert {name: row.changed_by for name, row in rows.items()} == {
        "title": "both of you",
        "language": "someone else",
        "note": "you",
    }
    assertContains(
        response,
        '<th scope="row">Title</th><td class="preserve">My title</td>'
        '<td class="preserve">Their title</td><td>both of you</td>',
        status_code=409,
    )
    assertContains(response, 'value="My title"', status_code=409)  # what I typed is kept
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.language, stored.note, stored.version) == (
        "Their title",
        "ro",
        "",
        2,
    )


def test_a_stale_body_correction_shows_where_the_bodies_differ(
    editor_client, second_editor_client, article
):
    second_editor_client.post(
        edit_url(article), submitted(article, body=BODY.replace("minist", "MINIST"))
    )

    response = editor_client.post(edit_url(article), submitted(article, body=BODY + " (AP)"))

    assert response.status_code == 409
    body = {change.name: change for change in response.context["conflict"]["changes"]}["body"]
    assert body.mine.startswith("Tehran, 17 October. The foreign [ministry held")
    assert body.theirs.startswith("Tehran, 17 October. The foreign [MINISTry held")
    assert Article.objects.get(pk=article.pk).body == BODY.replace("minist", "MINIST")


def test_an_edit_overtaken_while_it_is_being_saved_is_refused(editor_client, article, monkeypatch):
    # Someone else's save lands between this request's version check and its own save.
    real_spans = views._quote_spans

    def spans_then_someone_saves(record):
        Article.objects.filter(pk=record.pk).update(title="Saved meanwhile", version=2)
        return real_spans(record)

    monkeypatch.setattr(views, "_quote_spans", spans_then_someone_saves)

    response = editor_client.post(edit_url(article), submitted(article, title="Mine"))

    assert response.status_code == 409
    assertContains(response, "Someone else saved this article since you opened it", status_code=409)
    assert Article.objects.get(pk=article.pk).title == "Saved meanwhile"


def test_the_second_of_two_browsers_is_refused_whatever_its_role(
    administrator_browser, second_editor_client, article
):
    second_editor_client.post(edit_url(article), submitted(article, title="First"))

    response = administrator_browser.post(edit_url(article), submitted(article, title="Second"))

    assert response.status_code == 409
    assert Article.objects.get(pk=article.pk).title == "First"
