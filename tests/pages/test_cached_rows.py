"""The pages that list statements render their rows once per data version ({% cache %}
keyed by claims.views.pagination.DressedOnRead): a repeated view reads the rendering
instead of the rows' actors, claims, quotes and articles, and a reader never sees a
row that a write has made stale."""

from __future__ import annotations

import pytest

from tests.factories import make_actor, make_article, make_claim, make_quote, make_statement

LISTING_PAGES = ("/", "/statements/", "/actors/cachedonia/", "/claims/cached-claim/")


@pytest.fixture
def statement(db):
    state = make_actor(name="Cachedonia", slug="cachedonia")
    claim = make_claim(slug="cached-claim", text="The cached claim")
    return make_statement(actor=state, claim=claim, quote="no drones were supplied")


@pytest.mark.parametrize("url", LISTING_PAGES)
def test_a_repeated_view_reads_the_rows_from_the_cache(
    client, statement, url, django_assert_max_num_queries
):
    first = client.get(url)
    assert "Cachedonia" in first.content.decode()
    with django_assert_max_num_queries(30) as captured:
        again = client.get(url)
    # None of the dressing queries (quotes with their articles and outlets) ran.
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert '"claims_quote"' not in sql and '"sources_article"' not in sql
    assert again.content == first.content


@pytest.mark.parametrize("url", LISTING_PAGES)
def test_renaming_what_a_row_shows_shows_at_once(client, statement, url):
    client.get(url)
    statement.actor.name = "Renamedonia"
    statement.actor.save()
    article = statement.quotes.get().article
    article.title = "A corrected headline"
    article.save()

    page = client.get(url).content.decode()
    assert "Renamedonia" in page
    if url != "/actors/cachedonia/":  # the actor page's own heading changes too
        assert "Cachedonia" not in page
    assert "A corrected headline" in page


@pytest.mark.parametrize("url", LISTING_PAGES)
def test_a_changed_stance_shows_at_once(client, statement, url):
    assert "stance-denied" in client.get(url).content.decode()
    statement.stance = "confirmed"
    statement.save()
    page = client.get(url).content.decode()
    assert "stance-confirmed" in page


def test_a_new_quote_shows_at_once(client, statement):
    client.get("/statements/")
    other = make_article(title="A second report")
    make_quote(statement=statement, article=other, quoted="no drones were supplied")
    assert "A second report" in client.get("/statements/").content.decode()


def test_actors_without_statements_each_show_their_own_name(client, db):
    # Both pages have no rows at the same data version: same ids, different pages.
    make_actor(name="Quietland", slug="quietland")
    make_actor(name="Silentia", slug="silentia")
    assert (
        "No statements recorded for Quietland" in client.get("/actors/quietland/").content.decode()
    )
    assert "No statements recorded for Silentia" in client.get("/actors/silentia/").content.decode()
