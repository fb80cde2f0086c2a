"""The tokens of a statement's claim and actors (claims.database.record_tokens) are
replaced by every write to the statement or its quotes, whatever writes it, on both
databases, and only theirs: a page cached under another claim's or actor's token stays
warm, and a page of this one is never read stale after the write commits."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from claims.database import statement_token
from claims.models import Quote, Statement
from tests.factories import make_actor, make_claim, make_statement


def tokens(*scopes: str) -> dict[str, str | None]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM {statement_token.TABLE}")
        found = dict(cursor.fetchall())
    return {scope: found.get(scope) for scope in scopes}


def changed(before: dict, after: dict) -> set[str]:
    return {scope for scope in before if before[scope] != after[scope]}


@pytest.fixture
def cast(db):
    person = make_actor(kind="person", name="A Spokeswoman")
    state, other_state = make_actor(), make_actor()
    person.speaks_for = state
    person.save()
    claim, other_claim = make_claim(), make_claim()
    statement = make_statement(actor=person, claim=claim)
    bystander = make_statement(actor=other_state, claim=other_claim)
    scopes = (
        f"claim:{claim.pk}",
        f"actor:{person.pk}",
        f"actor:{state.pk}",
        f"claim:{other_claim.pk}",
        f"actor:{other_state.pk}",
    )
    return statement, bystander, scopes


def test_a_stance_edit_replaces_its_claims_and_actors_tokens_only(cast):
    statement, _, scopes = cast
    before = tokens(*scopes)
    statement.stance = "asserted"
    statement.save()
    assert changed(before, tokens(*scopes)) == set(scopes[:3])


def test_raw_sql_and_bulk_updates_replace_the_tokens_too(cast):
    statement, bystander, scopes = cast
    before = tokens(*scopes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Statement._meta.db_table} SET stance = 'confirmed' WHERE id = %s",
            [bystander.pk],
        )
    assert changed(before, tokens(*scopes)) == set(scopes[3:])

    before = tokens(*scopes)
    Statement.objects.filter(pk=statement.pk).update(note="checked")
    assert changed(before, tokens(*scopes)) == set(scopes[:3])


def test_moving_a_statement_replaces_the_old_and_the_new_claims_tokens(cast):
    statement, bystander, scopes = cast
    before = tokens(*scopes)
    Statement.objects.filter(pk=statement.pk).update(claim=bystander.claim)
    assert changed(before, tokens(*scopes)) == {*scopes[:3], scopes[3]}


def test_a_new_or_deleted_statement_and_a_quote_edit_replace_the_tokens(cast):
    statement, bystander, scopes = cast
    before = tokens(*scopes)
    quote = Quote.objects.filter(statement=bystander).first()
    Quote.objects.filter(pk=quote.pk).update(prefix="")
    assert changed(before, tokens(*scopes)) == set(scopes[3:])

    before = tokens(*scopes)
    statement.delete()
    assert changed(before, tokens(*scopes)) == set(scopes[:3])

    before = tokens(*scopes)
    make_statement(actor=bystander.actor, claim=bystander.claim)
    assert changed(before, tokens(*scopes)) == set(scopes[3:])


def test_a_claim_page_shows_a_raw_sql_write_at_once(client, cast):
    statement, _, _ = cast
    claim_page = statement.claim.get_absolute_url()
    # Its timeline, cached under the claim's token, draws the denial.
    assert 'class="mark mark-denied"' in client.get(claim_page).content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Statement._meta.db_table} SET stance = 'asserted' WHERE id = %s",
            [statement.pk],
        )
    page = client.get(claim_page).content.decode()
    assert 'class="mark mark-asserted"' in page and 'class="mark mark-denied"' not in page


def test_the_statement_lists_rows_show_a_raw_sql_write_at_once(client, cast):
    statement, _, _ = cast

    def stances() -> list[str]:  # each row's stance, newest first
        page = client.get("/statements/").content.decode()
        return re.findall(r'<p class="statement-line"><span class="stance stance-(\w+)">', page)

    assert stances() == ["denied", "denied"]  # the rows are cached now
    with connection.cursor() as cursor:  # neither its version nor the data version moves
        cursor.execute(
            f"UPDATE {Statement._meta.db_table} SET stance = 'asserted' WHERE id = %s",
            [statement.pk],
        )
    assert sorted(stances()) == ["asserted", "denied"]
