"""The pages' aggregates are cached until the data changes (claims.cached): a reader
never sees a count, a facet or a position change that a write has made stale, whichever
way the write was made. (claims.cached itself: tests/claims/test_cached.py.)"""

from __future__ import annotations

import datetime

import pytest

from claims.models import Statement
from tests.factories import make_actor, make_claim, make_statement


def facet_count(client, url: str, facet: str, value: str) -> int:
    """The count the statement list's facet shows for a value (0 when not shown)."""
    response = client.get(url)
    assert response.status_code == 200
    for shown in response.context["facets"]:
        if shown.name == facet:
            return next((v.count for v in shown.values if v.value == value), 0)
    raise AssertionError(f"no {facet} facet")


def total(client, url: str) -> int:
    return client.get(url).context["page"].paginator.count


@pytest.fixture
def state(db):
    return make_actor(name="Cachedonia", slug="cachedonia")


def test_a_one_filter_page_reads_its_counts_from_the_tallies(
    client, state, django_assert_max_num_queries
):
    make_statement(actor=state)
    # Filter validation, the tallies of each facet and the total, the labels, the page's
    # rows and their details: no GROUP BY over the statements and no COUNT, even on the
    # first request after a write.
    with django_assert_max_num_queries(22) as captured:
        client.get("/statements/?stance=denied")
    counting = [
        q["sql"]
        for q in captured.captured_queries
        if '"claims_statement"' in q["sql"] and ("GROUP BY" in q["sql"] or "COUNT(" in q["sql"])
    ]
    assert counting == []


def test_saving_a_statement_updates_counts_and_facets(client, state):
    make_statement(actor=state, stance="denied")
    assert facet_count(client, "/statements/", "actor", "cachedonia") == 1
    assert total(client, "/statements/?stance=denied") == 1

    make_statement(actor=state, stance="denied")
    assert facet_count(client, "/statements/", "actor", "cachedonia") == 2
    assert total(client, "/statements/?stance=denied") == 2

    Statement.objects.filter(actor=state).first().delete()
    assert facet_count(client, "/statements/", "actor", "cachedonia") == 1
    assert total(client, "/statements/?stance=denied") == 1


def test_bulk_inserts_and_party_updates_also_update_counts(client, state):
    claim = make_claim()
    make_statement(actor=state, claim=claim)
    assert total(client, "/statements/") == 1
    Statement.objects.bulk_create(
        Statement(actor=state, claim=claim, stance="asserted", made_on=datetime.date(2020, 1, n))
        for n in range(1, 4)
    )
    assert total(client, "/statements/") == 4

    # A person starts speaking for the state: an UPDATE moves their statements' party.
    person = make_actor(name="Envoy", slug="envoy", kind="person")
    make_statement(actor=person, claim=claim)
    assert facet_count(client, "/statements/", "actor", "cachedonia") == 4
    person.speaks_for = state
    person.save()
    assert facet_count(client, "/statements/", "actor", "cachedonia") == 5


def test_an_actors_position_changes_follow_a_new_statement(client, state):
    claim = make_claim(text="Cached claim")
    make_statement(actor=state, claim=claim, stance="asserted", made_on=datetime.date(2022, 1, 1))
    assert client.get("/actors/cachedonia/").context["changes"].in_all == 0
    make_statement(actor=state, claim=claim, stance="denied", made_on=datetime.date(2022, 2, 1))
    assert client.get("/actors/cachedonia/").context["changes"].in_all == 1


def test_a_write_by_raw_sql_shows_on_the_next_page(client, state):
    """Another client, or SQL typed at a prompt, sends no signal: the counts are the
    database's own, so the next page shows them anyway."""
    from django.db import connection

    make_statement(actor=state, stance="denied")
    assert total(client, "/statements/?stance=denied") == 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_statement SET stance = 'confirmed'")
    assert total(client, "/statements/?stance=denied") == 0
    assert facet_count(client, "/statements/", "stance", "confirmed") == 1
    assert facet_count(client, f"/statements/?actor={state.slug}", "stance", "confirmed") == 1


def tally_reads(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('"claims_tally"' in q["sql"] for q in captured)


def test_facets_read_again_only_after_a_write(client, state):
    make_statement(actor=state, stance="denied")
    assert tally_reads(client, "/statements/?stance=denied") > 0
    assert tally_reads(client, "/statements/?stance=denied") == 0  # cached

    make_statement(actor=state, stance="denied")
    assert tally_reads(client, "/statements/?stance=denied") > 0
    assert total(client, "/statements/?stance=denied") == 2


def test_a_raw_sql_write_also_refreshes_a_cached_search_and_the_home_page(client, state):
    from django.db import connection

    make_statement(actor=state, stance="denied")  # its quote says "drones"
    assert facet_count(client, "/statements/?q=drones", "stance", "denied") == 1
    matrix = client.get("/").context["matrix"]
    assert [cell.stance for _, cells in matrix.rows for cell in cells if cell] == ["denied"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_statement SET stance = 'confirmed'")

    assert facet_count(client, "/statements/?q=drones", "stance", "denied") == 0
    assert facet_count(client, "/statements/?q=drones", "stance", "confirmed") == 1
    matrix = client.get("/").context["matrix"]
    assert [cell.stance for _, cells in matrix.rows for cell in cells if cell] == ["confirmed"]


def searched(client, url: str) -> tuple[list[int], bool]:
    """The listed statements, and whether the request ran the text search itself."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.pages.reading import listed_ids

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # The search itself, not the marking of its words in the rows shown, which are drawn
    # again whenever one of their claims' or actors' statements changes.
    ran = any(
        ("websearch_to_tsquery" in q["sql"] or " MATCH " in q["sql"])
        and "ts_headline" not in q["sql"]
        and "highlight(" not in q["sql"]
        for q in captured
    )
    return listed_ids(response), ran


def test_a_search_is_run_again_only_when_what_it_finds_may_have_changed(client, state):
    from django.db import connection

    older = make_statement(actor=state, stance="denied", made_on=datetime.date(2020, 1, 1))
    newer = make_statement(actor=state, stance="denied", made_on=datetime.date(2021, 1, 1))
    assert searched(client, "/statements/?q=drones") == ([newer.pk, older.pk], True)
    assert searched(client, "/statements/?q=drones") == ([newer.pk, older.pk], False)

    with connection.cursor() as cursor:  # a stance: the same matches, other counts
        cursor.execute("UPDATE claims_statement SET stance = 'asserted'")
    assert searched(client, "/statements/?q=drones") == ([newer.pk, older.pk], False)
    assert facet_count(client, "/statements/?q=drones", "stance", "asserted") == 2

    with connection.cursor() as cursor:  # a date: the newest first, again
        cursor.execute(
            "UPDATE claims_statement SET made_on = '2022-01-01' WHERE id = %s", [older.pk]
        )
    assert searched(client, "/statements/?q=drones") == ([older.pk, newer.pk], True)
