"""One statement's page: its quotes in context and a citation to copy."""

from __future__ import annotations

import re

from pytest_django.asserts import assertContains

from claims.models import Statement
from tests.factories import make_article, make_statement
from tests.pages.reading import between, cited, main_html, visible_text

BODY = (
    "Talks opened in Vienna on Monday. "
    "The talks ended late. "
    "The minister said no drones were sent to Russia. "
    "Reporters were not convinced. "
    "Nobody else spoke."
)


def in_context(response) -> tuple[str, str, str]:
    figure = between(main_html(response), '<figure class="quote-in-context">', "</figure>")
    found = re.search(
        r'<span class="context">(.*?)</span><mark>(.*?)</mark><span class="context">(.*?)</span>',
        figure,
        re.DOTALL,
    )
    return found.group(1), found.group(2), found.group(3)


def test_a_quote_is_shown_with_the_sentence_before_and_after_it(client, db):
    article = make_article(body=BODY)
    statement = make_statement(article=article, quote="no drones were sent to Russia")

    before, quote, after = in_context(client.get(statement.get_absolute_url()))

    assert quote == "no drones were sent to Russia"
    # The quote's own sentence, the one before it and the one after it; no further.
    assert before == "The talks ended late. The minister said "
    assert after == ". Reporters were not convinced."


def test_a_quote_at_the_start_of_an_article_has_only_text_after_it(client, db):
    article = make_article(body=BODY)
    statement = make_statement(article=article, quote="Talks opened in Vienna on Monday.")

    before, quote, after = in_context(client.get(statement.get_absolute_url()))

    assert before == ""
    assert quote == "Talks opened in Vienna on Monday."
    assert after == " The talks ended late."


def test_the_citation_leaves_out_an_unknown_address(client, seed):
    # Statement 20 is quoted from the HotNews.ro article, whose address is unknown.
    statement = Statement.objects.get(pk=20)
    assert statement.quotes.get().article.url == ""

    citation = cited(client.get("/statements/20/"))

    assert "Ruslan Pukhov, October 2022: asserted the claim that" in citation
    assert "October 2022." in citation
    assert "Quoted in HotNews.ro," in citation
    assert "http" not in citation.split("ClaimTracker statement")[0]
    assert citation.endswith("ClaimTracker statement #20, http://testserver/statements/20/")


def test_a_statement_page_shows_each_quote_and_its_source(client, seed):
    # Statement 12 (The Washington Post, 16 October 2022) is quoted by two outlets.
    response = client.get("/statements/12/")

    shown = visible_text(response)
    for quote in Statement.objects.get(pk=12).quotes.all():
        assert " ".join(quote.text.split()) in shown
        assertContains(response, f'href="/articles/{quote.article_id}/#quote-{quote.pk}"')
    assert "HotNews.ro, 20 October 2022" in shown
    assert "Weekly Blitz, 19 February 2023" in shown
