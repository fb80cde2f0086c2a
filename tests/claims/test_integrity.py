"""`manage.py check_quotes` (claims/integrity.py) names every quote that no longer matches
its article."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims import integrity
from claims.models import Quote, Statement
from sources.models import Article
from tests.factories import make_actor, make_article, make_claim, make_statement

pytestmark = pytest.mark.django_db


def check_quotes() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_quotes", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing_check_quotes() -> str:
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_quotes", stdout=StringIO(), stderr=err)
    return f"{err.getvalue()}\n{raised.value}"


def test_check_quotes_passes_when_every_quote_matches():
    make_statement()
    make_statement(quote="Officials in Washington disagreed.")

    out, err = check_quotes()

    assert "All 2 quotes match their articles." in out
    assert err == ""


def test_check_quotes_names_each_quote_broken_by_a_raw_body_edit():
    article = make_article()
    denial = make_statement(article=article, quote="no drones were supplied")
    dissent = make_statement(article=article, quote="Officials in Washington disagreed.")
    intact = make_statement()
    # A raw edit, as an SQL console would make: no signal, no re-anchoring.
    Article.objects.filter(pk=article.pk).update(body="Corrected: " + article.body)

    report = failing_check_quotes()

    for statement in (denial, dissent):
        quote = statement.quotes.get()
        assert f"quote {quote.pk}: statement {statement.pk}, article {article.pk}" in report
    assert f"quote {intact.quotes.get().pk}:" not in report
    assert "2 problem(s) found." in report


def test_check_quotes_names_a_quote_whose_body_became_shorter():
    statement = make_statement(quote="Officials in Washington disagreed.")
    quote = statement.quotes.get()
    Article.objects.filter(pk=quote.article_id).update(body="Short.")

    report = failing_check_quotes()

    assert f"quote {quote.pk}:" in report
    assert "the body has “”" in report


def test_check_quotes_names_a_statement_without_a_quote():
    make_statement()
    bare = Statement.objects.create(
        actor=make_actor(), claim=make_claim(), stance="asserted", made_on="2022-10-01"
    )

    report = failing_check_quotes()

    assert f"statement {bare.pk}: has no quote backing it" in report
    assert "1 problem(s) found." in report


def test_quote_problems_reads_articles_in_batches():
    articles = [make_article() for _ in range(3)]
    broken = []
    for article in articles:
        statement = make_statement(article=article)
        broken.append(statement.quotes.get().pk)
        Article.objects.filter(pk=article.pk).update(body="Rewritten. " + article.body)

    found = [problem.pk for problem in integrity.quote_problems(batch_size=2)]

    assert sorted(found) == sorted(broken)
    assert Quote.objects.count() == 3
