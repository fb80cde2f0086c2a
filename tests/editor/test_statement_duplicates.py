"""Recording a statement already recorded from another article: the similar statement is
offered, and the quote is added to it instead of a second statement."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from claims.models import Statement
from tests.editor.recording import (
    AGAIN,
    create_url,
    record,
    recorded,
    shown,
    written,
)
from tests.factories import make_article, make_statement

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


def test_a_similar_statement_is_offered_and_nothing_is_saved(editor_client, kannani_again):
    article, typed = kannani_again
    before = written()
    offered = record(editor_client, article.pk, **typed)
    assert offered.status_code == 400
    assert [s.pk for s in offered.context["similar"]] == [15, 16]
    assert written() == before
    page = shown(offered)
    assert "This looks like a statement already recorded" in page
    assert "Add this quote to statement #16" in page
    assert '<input type="hidden" name="add_to" value="16">' in page
    assert f'<input type="hidden" name="text" value="{AGAIN}">' in page
    assert f'<input type="hidden" name="start" value="{len("On Tuesday ")}">' in page


def test_adding_the_quote_to_the_similar_statement_makes_no_new_statement(
    editor_client, kannani_again
):
    article, typed = kannani_again
    record(editor_client, article.pk, **typed)
    statements = Statement.objects.count()
    response = editor_client.post(
        create_url(article.pk), {"add_to": "16", "text": AGAIN, "start": str(len("On Tuesday "))}
    )
    assert response.status_code == 302 and response["Location"] == "/statements/16/"
    assert Statement.objects.count() == statements
    quote = Statement.objects.get(pk=16).quotes.get(article=article)
    assert (quote.start, quote.text) == (len("On Tuesday "), AGAIN)
    # Added twice, it is refused rather than duplicated, and the form comes back.
    again = editor_client.post(create_url(article.pk), {"add_to": "16", "text": AGAIN})
    assertContains(again, "already has this quote", status_code=400)
    assert Statement.objects.get(pk=16).quotes.filter(article=article).count() == 1


def test_a_quote_across_a_line_break_is_added_as_the_browser_sends_it(editor_client):
    article = make_article(body="Iran denied it again.\nIt sent no drones. Other news.")
    statement = make_statement(article=article, quote="Iran denied it again.")
    # Browsers send every line break of a form, hidden inputs included, as CRLF.
    response = editor_client.post(
        create_url(article.pk), {"add_to": statement.pk, "text": "again.\r\nIt sent no drones."}
    )
    assert response.status_code == 302
    assert statement.quotes.filter(text="again.\nIt sent no drones.").exists()


@pytest.mark.parametrize("add_to", ["999999", "sixteen"])
def test_adding_to_a_statement_that_does_not_exist_is_not_found(
    editor_client, kannani_again, add_to
):
    article, _ = kannani_again
    before = written()
    response = editor_client.post(create_url(article.pk), {"add_to": add_to, "text": AGAIN})
    assert response.status_code == 404
    assert written() == before


def test_confirm_separate_records_a_statement_of_its_own(editor_client, kannani_again):
    article, typed = kannani_again
    statement = recorded(record(editor_client, article.pk, **typed, confirm_separate="on"))
    assert statement.pk not in (15, 16)
    assert statement.speaker.slug == "nasser-kanaani"
    assert statement.quotes.get().article == article


def test_a_statement_on_another_claim_is_not_similar(editor_client, kannani_again):
    article, typed = kannani_again
    other = {**typed, "claim": "iran-agreed-to-supply-missiles-to-russia"}
    assert recorded(record(editor_client, article.pk, **other)).claim.slug == other["claim"]
