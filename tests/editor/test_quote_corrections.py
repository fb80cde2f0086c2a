"""Correcting a typo inside a quote can be finished in the article-edit flow: each quote
whose words changed is listed with the corrected words proposed, and the editor accepts
them, picks other words, or detaches the quote; nothing is saved until every one is
settled, and every step lands in the history."""

from __future__ import annotations

import html

import pytest
from django.core.management import call_command
from django.test import Client

from claims.models import Quote, Statement
from sources.models import Article
from tests.factories import make_article, make_quote, make_statement

BODY = (
    "Tehran rejected the reports on Monday. “We have sent no drones,” said the "
    "Iranian Foreign Ministry Spokesman Nasser Kanaani. The talks went on."
)
QUOTED = "said the Iranian Foreign Ministry Spokesman Nasser Kanaani"
CORRECTED = BODY.replace("Spokesman", "spokesman")


@pytest.fixture
def quoted(db):
    article = make_article(body=BODY)
    statement = make_statement(article=article, quote=QUOTED)
    return article, statement, statement.quotes.get()


def submitted(client: Client, article: Article, body: str, **decisions):
    form = client.get(f"/articles/{article.pk}/edit/").context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data |= {"body": body, "outlet": article.outlet_id}
    return client.post(f"/articles/{article.pk}/edit/", data | decisions)


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_a_typo_fix_inside_a_quote_lists_the_quote_with_its_corrected_words(editor_client, quoted):
    article, statement, quote = quoted

    response = submitted(editor_client, article, CORRECTED)

    assert response.status_code == 400
    shown = page(response)
    assert f"Statement #{statement.pk}" in shown and f"quote {quote.pk}" in shown
    assert f"It cited: {QUOTED}" in " ".join(shown.replace('<q class="preserve">', "").split())
    assert QUOTED.replace("Spokesman", "spokesman") in shown
    assert f'name="quote_{quote.pk}" value="accept" checked' in shown
    assert Article.objects.get(pk=article.pk).body == BODY  # nothing saved yet


def test_accepting_the_proposal_saves_the_body_and_re_points_the_quote(editor_client, quoted):
    article, _, quote = quoted

    response = submitted(editor_client, article, CORRECTED, **{f"quote_{quote.pk}": "accept"})

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.text == QUOTED.replace("Spokesman", "spokesman")
    assert Article.objects.get(pk=article.pk).body[quote.start : quote.end] == quote.text
    reasons = list(quote.history.values_list("history_change_reason", flat=True))
    assert f"re-pointed when article {article.pk} was corrected" in reasons
    call_command("check_quotes")  # every quote still matches its article


def test_the_editor_can_pick_other_words_of_the_corrected_body(editor_client, quoted):
    article, _, quote = quoted

    response = submitted(
        editor_client,
        article,
        CORRECTED,
        **{f"quote_{quote.pk}": "words", f"quote_{quote.pk}_words": "We have sent no drones"},
    )

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.text == "We have sent no drones"


def test_words_not_in_the_corrected_body_are_refused_and_nothing_is_saved(editor_client, quoted):
    article, _, quote = quoted

    response = submitted(
        editor_client,
        article,
        CORRECTED,
        **{f"quote_{quote.pk}": "words", f"quote_{quote.pk}_words": "words never written"},
    )

    assert response.status_code == 400
    assert f"quote {quote.pk}: These words do not occur in the article exactly as given." in page(
        response
    )
    assert f'name="quote_{quote.pk}" value="words" checked' in page(response)
    assert Article.objects.get(pk=article.pk).body == BODY
    quote.refresh_from_db()
    assert quote.text == QUOTED


def test_detaching_a_quote_keeps_a_statement_that_has_another(editor_client, quoted):
    article, statement, quote = quoted
    other = make_quote(
        statement=statement, article=make_article(), quoted="no drones were supplied"
    )

    response = submitted(editor_client, article, CORRECTED, **{f"quote_{quote.pk}": "detach"})

    assert response.status_code == 302
    assert list(statement.quotes.values_list("pk", flat=True)) == [other.pk]
    assert Quote.history.filter(id=quote.pk, history_type="-").exists()


def test_a_statement_is_never_kept_without_a_quote(editor_client, quoted):
    article, statement, quote = quoted

    refused = submitted(editor_client, article, CORRECTED, **{f"quote_{quote.pk}": "detach"})

    assert refused.status_code == 400
    assert f"statement {statement.pk} would be left without a quote" in page(refused)
    assert Quote.objects.filter(pk=quote.pk).exists()

    deleted = submitted(
        editor_client,
        article,
        CORRECTED,
        **{f"quote_{quote.pk}": "detach", f"quote_{quote.pk}_delete_statement": "1"},
    )

    assert deleted.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert Statement.history.filter(id=statement.pk, history_type="-").exists()
    assert Article.objects.get(pk=article.pk).body == CORRECTED


def test_the_quote_edit_form_opens_with_the_quote_in_it(editor_client, quoted):
    _, statement, quote = quoted

    response = editor_client.get(f"/quotes/{quote.pk}/edit/")

    form = response.context["form"]
    assert (form["text"].value(), form["start"].value()) == (QUOTED, quote.start)
    shown = page(response)
    assert f"Edit quote {quote.pk} of statement #{statement.pk}" in shown
    assert "““" not in shown


def test_an_editor_removes_a_quote_on_the_statement_page_but_never_the_last(
    editor_client, reader, quoted
):
    _, statement, quote = quoted
    other = make_quote(
        statement=statement, article=make_article(), quoted="no drones were supplied"
    )
    assert (
        f'action="/quotes/{quote.pk}/remove/"'
        in editor_client.get(statement.get_absolute_url()).content.decode()
    )

    readers = Client()
    readers.force_login(reader)
    assert readers.post(f"/quotes/{quote.pk}/remove/").status_code == 403
    removed = editor_client.post(f"/quotes/{quote.pk}/remove/", follow=True)
    last = editor_client.post(f"/quotes/{other.pk}/remove/", follow=True)

    assert f"Removed quote {quote.pk} from statement #{statement.pk}." in page(removed)
    assert "only quote" in page(last)
    assert list(statement.quotes.values_list("pk", flat=True)) == [other.pk]
    assert f'action="/quotes/{other.pk}/remove/"' not in page(last)
