"""Correcting an article body keeps its quotes attached to the text they cite
(claims/anchoring.py, which claims/signals.py runs on every save of an article, whatever
path saves it). The editor's page for corrections: tests/editor/test_article_edit.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from claims.models import Quote
from sources.models import Article
from tests.factories import make_article, make_quote, make_statement

pytestmark = pytest.mark.django_db

BODY = (
    "Tehran, 17 October. The foreign minstry held its weekly briefing.\n\n"
    "“We have not supplied weapons to any of the belligerent countries,” the spokesman said.\n\n"
    "Officials in Washington disagreed."
)
QUOTED = "We have not supplied weapons to any of the belligerent countries"
LATER = "Officials in Washington disagreed."


@pytest.fixture
def article() -> Article:
    return make_article(body=BODY)


@pytest.fixture
def quotes(article) -> list[Quote]:
    statement = make_statement(article=article, quote=QUOTED)
    return [statement.quotes.get(), make_quote(statement=statement, article=article, quoted=LATER)]


def correct(article: Article, new_body: str) -> None:
    article.body = new_body
    article.full_clean()
    article.save()


def test_inserting_a_paragraph_before_the_quotes_moves_them(article, quotes):
    inserted = "Updated at 14:00 with the ministry's full statement.\n\n"

    correct(article, inserted + BODY)

    for quote in quotes:
        old_start = quote.start
        quote.refresh_from_db()
        assert quote.start == old_start + len(inserted)
        assert quote.is_valid()
        assert quote.history.count() == 2
        assert quote.history.first().start == quote.start
        assert quote.history.last().start == old_start


def test_fixing_a_typo_before_the_quotes_moves_them_by_one(article, quotes):
    correct(article, BODY.replace("minstry", "ministry"))

    for quote in quotes:
        old_start, old_end = quote.start, quote.end
        quote.refresh_from_db()
        assert (quote.start, quote.end) == (old_start + 1, old_end + 1)
        assert quote.is_valid()
        assert quote.history.count() == 2


def test_moved_quotes_keep_the_context_of_their_new_place(article, quotes):
    correct(article, BODY.replace("weekly briefing", "weekly press briefing"))

    quote = Quote.objects.get(pk=quotes[0].pk)
    assert quote.prefix.endswith("press briefing.\n\n“")
    assert quote.prefix == article.body[quote.start - len(quote.prefix) : quote.start]


def test_a_correction_after_a_quote_leaves_it_and_its_history_alone(article, quotes):
    correct(article, BODY.replace("Officials in Washington disagreed.", "") + LATER + " (AP)")

    first = Quote.objects.get(pk=quotes[0].pk)
    assert (first.start, first.end) == (quotes[0].start, quotes[0].end)
    assert first.history.count() == 1


def test_a_correction_that_changes_the_quoted_text_is_refused_by_full_clean(article, quotes):
    article.body = BODY.replace("belligerent", "warring")

    with pytest.raises(ValidationError) as raised:
        article.full_clean()

    message = raised.value.message_dict["body"][0]
    assert f"quote {quotes[0].pk}" in message
    assert f"statement {quotes[0].statement_id}" in message
    assert f"quote {quotes[1].pk}" not in message
    assert_nothing_changed(article, quotes)


def test_a_correction_that_changes_the_quoted_text_is_refused_by_save(article, quotes):
    article.body = BODY.replace("belligerent", "warring")

    with pytest.raises(ValidationError) as raised:
        article.save()

    assert f"quote {quotes[0].pk}" in raised.value.message_dict["body"][0]
    assert_nothing_changed(article, quotes)


def test_a_correction_that_makes_a_quote_ambiguous_is_refused(article, quotes):
    # The quoted sentence now appears twice, and neither place has its old context.
    article.body = f"Tehran. “{QUOTED},” one said. “{QUOTED},” another said.\n\n{LATER}"

    with pytest.raises(ValidationError) as raised:
        article.full_clean()

    message = raised.value.message_dict["body"][0]
    assert f"quote {quotes[0].pk}" in message
    assert "occurs 2 times" in message
    assert_nothing_changed(article, quotes)


def assert_nothing_changed(article: Article, quotes: list[Quote]) -> None:
    assert Article.objects.get(pk=article.pk).body == BODY
    for quote in quotes:
        stored = Quote.objects.get(pk=quote.pk)
        assert (stored.start, stored.end, stored.text) == (quote.start, quote.end, quote.text)
        assert stored.is_valid()
        assert stored.history.count() == 1
