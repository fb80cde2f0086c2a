"""A deleted statement comes back with the quotes it had when it was deleted, each
checked against its article as it is now: moved words are found again, lost ones are
listed for the editor, and a statement is never restored without a quote."""

from __future__ import annotations

import html

import pytest
from django.core.management import call_command

from claims.models import Quote, Statement
from tests.factories import make_article, make_quote, make_statement

BODY = "Tehran denied it on Monday. Officials said no drones were sent. The talks went on."


@pytest.fixture
def deleted(db):
    """A statement with two quotes, one of another quote removed before, then deleted."""
    article = make_article(body=BODY)
    statement = make_statement(article=article, quote="Tehran denied it on Monday.")
    kept = make_quote(statement=statement, article=article, quoted="no drones were sent")
    removed_before = make_quote(statement=statement, article=article, quoted="The talks went on.")
    removed_before.delete()
    version = statement.history.order_by("-history_date").first()
    pk = statement.pk
    statement.delete()
    return article, pk, version, kept.pk, removed_before.pk


def restore(client, pk: int, version):
    response = client.post(f"/history/statement/{pk}/{version.history_id}/restore/", follow=True)
    return response, html.unescape(response.content.decode())


def test_it_comes_back_with_the_quotes_it_had_when_it_was_deleted(administrator_browser, deleted):
    _, pk, version, kept, removed_before = deleted

    _, page = restore(administrator_browser, pk, version)

    assert f"Restored statement {pk} with 2 quotes." in page
    quotes = set(Quote.objects.filter(statement_id=pk).values_list("pk", flat=True))
    assert kept in quotes and removed_before not in quotes
    history = Statement.history.filter(id=pk).order_by("-history_date").first()
    assert history.history_change_reason.startswith("restored version")
    call_command("check_quotes")


def test_a_quote_whose_words_moved_is_found_again_and_one_whose_words_are_gone_is_listed(
    administrator_browser, deleted
):
    article, pk, version, kept, _ = deleted
    # Corrected after the deletion: the first quote's words are gone, the other's moved.
    article.body = "Officials said on Tuesday that no drones were sent. The talks went on."
    article.save()

    _, page = restore(administrator_browser, pk, version)

    assert f"Restored statement {pk} with 1 quote." in page
    assert "Not restored, as their words are no longer in their articles" in page
    assert "Tehran denied it on Monday." in page
    quote = Quote.objects.get(statement_id=pk)
    assert quote.pk == kept and article.body[quote.start : quote.end] == "no drones were sent"


def test_a_statement_none_of_whose_quotes_can_be_found_is_not_restored(
    administrator_browser, deleted
):
    article, pk, version, _, _ = deleted
    article.body = "Nothing of what was quoted is left here."
    article.save()

    _, page = restore(administrator_browser, pk, version)

    assert "Could not restore this statement: None of its quotes can be found" in page
    assert not Statement.objects.filter(pk=pk).exists()
    assert not Quote.objects.filter(statement_id=pk).exists()
