"""Every statement keeps at least one quote, on every path: the API, the pages, the
admin, the ORM, and the database for bulk updates and raw SQL."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from rest_framework.test import APIClient

from claims.models import Quote, Statement
from tests.factories import make_article, make_quote, make_statement

ONLY = "only quote, and a statement needs at least one"


@pytest.fixture
def two(db):
    """Statement `one` with a single quote, `other` with its own."""
    article = make_article()
    return make_statement(article=article), make_statement(
        article=article, quote="the spokesman said"
    )


def test_the_api_refuses_to_move_a_statements_only_quote_away(two, editor):
    one, other = two
    quote = one.quotes.get()
    api = APIClient()
    api.force_authenticate(editor)

    response = api.patch(
        f"/api/v1/quotes/{quote.pk}/",
        {"statement": other.pk, "version": quote.version},
        format="json",
    )

    assert response.status_code == 400
    assert ONLY in response.json()["statement"][0]
    assert Quote.objects.get(pk=quote.pk).statement_id == one.pk
    call_command("check_quotes")  # every statement still has a quote


def test_a_quote_moves_when_its_statement_keeps_another(two, editor):
    one, other = two
    moving = make_quote(
        statement=one, article=make_article(), quoted="Officials in Washington disagreed"
    )
    api = APIClient()
    api.force_authenticate(editor)

    response = api.patch(
        f"/api/v1/quotes/{moving.pk}/",
        {"statement": other.pk, "version": moving.version},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert one.quotes.count() == 1 and other.quotes.count() == 2


def test_the_orm_refuses_to_delete_a_statements_only_quote_but_deletes_a_statement_whole(two):
    one, _ = two

    with pytest.raises(ValidationError, match="only quote"), transaction.atomic():
        one.quotes.get().delete()

    one.delete()
    assert not Quote.objects.filter(statement_id=one.pk).exists()


def test_the_admin_says_why_it_keeps_a_statements_only_quote(two, admin_client):
    one, _ = two
    quote = one.quotes.get()

    response = admin_client.post(
        f"/admin/claims/quote/{quote.pk}/delete/", {"post": "yes"}, follow=True
    )

    assert ONLY in response.content.decode()
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_the_database_refuses_a_bulk_move_of_a_statements_only_quote(two):
    one, other = two

    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Quote.objects.filter(statement=one).update(statement=other)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the check is deferred to commit
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    assert Quote.objects.filter(statement=one).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite cannot defer a trigger to commit"
)
def test_postgresql_refuses_a_raw_delete_of_a_statements_only_quote(two):
    one, _ = two

    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Quote.objects.filter(statement=one)._raw_delete(Quote.objects.db)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    assert Statement.objects.get(pk=one.pk).quotes.count() == 1
