"""The statements and search tokens (claims.database.statement_token) are replaced by
the writes that can change what they cache, and only by those, on both databases."""

from __future__ import annotations

import datetime

from django.db import connection

from claims.database import statement_token
from claims.models import Statement
from sources.models import Article
from tests.factories import make_outlet, make_statement


def tokens() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM {statement_token.TABLE}")
        found = dict(cursor.fetchall())
    return {scope: found.get(scope) for scope in statement_token.ALL_SCOPES}


def test_a_stance_edit_replaces_the_statements_token_and_keeps_the_search_token(db):
    statement = make_statement(stance="denied")
    before = tokens()
    statement.stance = "asserted"
    statement.save()  # Django's save sets every column, the date included
    after = tokens()
    assert after["statements"] != before["statements"]
    assert after["search"] == before["search"]


def test_a_date_edit_replaces_both_tokens_whatever_writes_it(db):
    statement = make_statement(made_on=datetime.date(2022, 10, 17))
    before = tokens()
    statement.made_on = datetime.date(2022, 10, 18)
    statement.save()
    saved = tokens()
    assert saved["statements"] != before["statements"]
    assert saved["search"] != before["search"]

    # A bulk update of one row of several, with the others' dates unchanged.
    make_statement(made_on=datetime.date(2021, 1, 1))
    Statement.objects.filter(pk=statement.pk).update(made_on=datetime.date(2022, 10, 19))
    assert tokens()["search"] != saved["search"]


def test_an_update_that_changes_no_date_keeps_the_search_token(db):
    make_statement(stance="denied")
    make_statement(stance="asserted")
    before = tokens()
    Statement.objects.update(stance="confirmed", made_on=datetime.date(2022, 10, 17))
    after = tokens()
    assert after["statements"] != before["statements"]
    assert after["search"] == before["search"]


def test_a_new_or_deleted_statement_replaces_the_search_token(db):
    before = tokens()
    statement = make_statement()
    created = tokens()
    assert created["search"] != before["search"]
    statement.delete()
    assert tokens()["search"] != created["search"]


def test_an_article_saved_in_its_outlet_keeps_the_statements_token_and_a_move_replaces_it(db):
    statement = make_statement()
    article = Article.objects.get(quotes__statement=statement)
    before = tokens()
    article.title = f"{article.title} (updated)"
    article.save()
    assert tokens()["statements"] == before["statements"]
    article.outlet = make_outlet()
    article.save()
    assert tokens()["statements"] != before["statements"]
