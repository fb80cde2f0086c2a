"""Administrators merge duplicate actors and claims: statements move with their history,
names become aliases, the old address answers 301. And a statement keeps a quote."""

from __future__ import annotations

import pytest

from claims.models import Actor, Claim, MergedActor, MergedClaim, Quote, Statement
from tests.api.support import database_state
from tests.factories import make_actor, make_article, make_claim, make_statement


@pytest.fixture
def duplicates(db):
    """Persia entered twice: as "Persia" and as "Iran", each with statements."""
    article = make_article()
    persia = make_actor(slug="persia", name="Persia", aliases=("Old Persia", "Parsa"))
    iran = make_actor(slug="iran", name="Iran", aliases=("Tehran",))
    spokesman = make_actor(slug="spox", name="Spokesman", kind="person", speaks_for=persia)
    claim = make_claim(slug="drones", text="Drones were supplied")
    moved = [
        make_statement(actor=persia, claim=claim, article=article),
        make_statement(actor=persia, claim=claim, article=article, stance="asserted"),
        make_statement(actor=persia, speaker=spokesman, claim=claim, article=article),
    ]
    kept = make_statement(actor=iran, claim=claim, article=article)
    return persia, iran, spokesman, moved, kept


def merge(client, kind: str, source: str, into: str):
    return client.post(f"/api/v1/{kind}/{source}/merge/", {"into": into}, format="json")


def test_merging_an_actor_moves_its_statements_names_and_people(
    duplicates, administrator_api, administrator
):
    persia, iran, spokesman, moved, kept = duplicates
    response = merge(administrator_api, "actors", "persia", "iran")
    assert response.status_code == 200, response.content
    survivor = response.json()
    assert survivor["slug"] == "iran"
    assert set(survivor["aliases"]) == {"Tehran", "Persia", "Old Persia", "Parsa"}
    assert set(iran.aliases.values_list("name", flat=True)) == set(survivor["aliases"])

    assert not Actor.objects.filter(pk=persia.pk).exists()
    assert set(Statement.objects.filter(actor=iran)) == {*moved, kept}
    spokesman.refresh_from_db()
    assert spokesman.speaks_for == iran
    # The survivor's page and actor filter find all of them, its spokesman's too.
    assert set(Statement.objects.by_actor(iran)) == {*moved, kept}
    assert set(Statement.objects.values_list("party_id", flat=True)) == {iran.pk}
    assert MergedActor.objects.get(old_slug="persia").actor == iran

    # Every moved statement keeps its history, with one more entry saying why it moved.
    for statement in moved:
        statement.refresh_from_db()
        assert statement.version == 2
        history = list(statement.history.order_by("history_id"))
        assert [h.actor_id for h in history] == [persia.pk, iran.pk]
        assert history[-1].history_change_reason == "merged actor persia into iran"
        assert history[-1].history_user == administrator
    assert kept.history.count() == 1  # the survivor's own statements are untouched


def test_the_merged_actors_address_answers_301_to_the_survivor(duplicates, administrator_api):
    merge(administrator_api, "actors", "persia", "iran")
    response = administrator_api.get("/api/v1/actors/persia/")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/actors/iran/"
    assert "iran" in response.json()["detail"]
    assert administrator_api.get(response["Location"]).json()["name"] == "Iran"


def test_the_merged_name_still_finds_the_statements(duplicates, administrator_api, anonymous_api):
    persia, iran, spokesman, moved, kept = duplicates
    merge(administrator_api, "actors", "persia", "iran")
    for name in ("Persia", "persia", "Parsa", "iran"):
        found = anonymous_api.get(f"/api/v1/statements/?actor={name}").json()["results"]
        assert {r["id"] for r in found} == {s.pk for s in (*moved, kept)}, name
    # The old slug stays answered: a page bookmarked before the merge still works.
    assert anonymous_api.get("/api/v1/actors/persia/").status_code == 301


def test_merging_people_moves_the_statements_they_spoke(db, administrator_api):
    state = make_actor(slug="kremlin-state", name="Kremlin State")
    peskov = make_actor(slug="dmitry-peskov", name="Dmitry Peskov", kind="person", speaks_for=state)
    typo = make_actor(slug="dmytro-peskov", name="Dmytro Peskov", kind="person", speaks_for=state)
    spoken = make_statement(actor=state, speaker=typo)
    own = make_statement(actor=typo)
    assert merge(administrator_api, "actors", "dmytro-peskov", "dmitry-peskov").status_code == 200
    spoken.refresh_from_db()
    own.refresh_from_db()
    assert (spoken.actor, spoken.speaker) == (state, peskov)
    assert own.actor == peskov
    assert "Dmytro Peskov" in peskov.aliases.values_list("name", flat=True)


def test_merges_chain_and_the_oldest_address_follows(duplicates, administrator_api):
    persia, iran, *_ = duplicates
    make_actor(slug="islamic-republic", name="Islamic Republic")
    merge(administrator_api, "actors", "persia", "iran")
    assert merge(administrator_api, "actors", "iran", "islamic-republic").status_code == 200
    for old in ("persia", "iran"):
        response = administrator_api.get(f"/api/v1/actors/{old}/")
        assert response.status_code == 301
        assert response["Location"].endswith("/api/v1/actors/islamic-republic/")


@pytest.mark.parametrize(
    ("source", "into", "problem"),
    [
        ("persia", "persia", "itself"),
        ("persia", "spox", "same kind"),  # a state into a person
        ("spox", "iran", "same kind"),
        ("persia", "nobody", "nobody"),
        ("persia", "", "slug"),
    ],
)
def test_a_merge_into_itself_or_across_kinds_is_400_and_changes_nothing(
    source, into, problem, duplicates, administrator_api
):
    before = database_state()
    response = merge(administrator_api, "actors", source, into)
    assert response.status_code == 400, response.content
    assert problem in " ".join(response.json()["into"])
    assert database_state() == before


def test_merging_a_claim_moves_its_statements_and_redirects(db, administrator_api, administrator):
    article = make_article()
    duplicate = make_claim(slug="iran-gave-drones", text="Iran gave Russia drones")
    claim = make_claim(slug="iran-supplied-drones", text="Iran supplied drones to Russia")
    moved = [
        make_statement(claim=duplicate, article=article, stance=stance)
        for stance in ("asserted", "denied")
    ]
    kept = make_statement(claim=claim, article=article, stance="confirmed")
    response = merge(administrator_api, "claims", "iran-gave-drones", "iran-supplied-drones")
    assert response.status_code == 200, response.content
    # The survivor's standing is derived anew from all its statements.
    assert response.json()["standing"] == "confirmed"
    assert set(Statement.objects.filter(claim=claim)) == {*moved, kept}
    assert not Claim.objects.filter(pk=duplicate.pk).exists()
    assert MergedClaim.objects.get(old_slug="iran-gave-drones").claim == claim
    for statement in moved:
        latest = statement.history.first()
        assert latest.claim_id == claim.pk
        assert (
            latest.history_change_reason
            == "merged claim iran-gave-drones into iran-supplied-drones"
        )
        assert latest.history_user == administrator
        assert statement.history.count() == 2

    redirected = administrator_api.get("/api/v1/claims/iran-gave-drones/")
    assert redirected.status_code == 301
    assert redirected["Location"] == "http://testserver/api/v1/claims/iran-supplied-drones/"
    found = administrator_api.get("/api/v1/statements/?claim=iran-supplied-drones").json()
    assert {r["id"] for r in found["results"]} == {s.pk for s in (*moved, kept)}


@pytest.mark.parametrize(("into", "problem"), [("drones", "itself"), ("nothing", "nothing")])
def test_a_claim_merge_into_itself_or_nothing_is_400(into, problem, duplicates, administrator_api):
    before = database_state()
    response = merge(administrator_api, "claims", "drones", into)
    assert response.status_code == 400
    assert problem in " ".join(response.json()["into"])
    assert database_state() == before


# ---------------------------------------------------------------- quotes


def test_deleting_a_statements_only_quote_is_400_and_deletes_nothing(world, administrator_api):
    extra = world.second_quote
    assert administrator_api.delete(f"/api/v1/quotes/{extra.pk}/").status_code == 204
    only = world.statement.quotes.get()
    before = database_state()
    response = administrator_api.delete(f"/api/v1/quotes/{only.pk}/")
    assert response.status_code == 400
    assert "only quote" in response.json()["statement"][0]
    assert "at least one" in response.json()["statement"][0]
    assert database_state() == before
    assert Quote.objects.filter(pk=only.pk).exists()


def test_a_quote_the_statement_already_has_is_refused(world, editor_api):
    existing = world.first_quote
    before = database_state()
    response = editor_api.post(
        "/api/v1/quotes/",
        {"statement": world.statement.pk, "article": world.article.pk, "text": existing.text},
        format="json",
    )
    assert response.status_code == 400
    assert "text" in response.json()
    # Nor may an edit turn one quote into a copy of another of the same statement.
    response = editor_api.patch(
        f"/api/v1/quotes/{world.second_quote.pk}/",
        {"text": existing.text, "version": 1},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "text" in response.json()
    assert database_state() == before


def test_a_quote_is_added_and_anchored_in_the_body(world, editor_api):
    response = editor_api.post(
        "/api/v1/quotes/",
        {
            "statement": world.statement.pk,
            "article": world.article.pk,
            "text": "Officials in Washington disagreed.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    quote = Quote.objects.get(pk=response.json()["id"])
    assert world.article.body[quote.start : quote.end] == quote.text
    assert response.json()["prefix"] and response.json()["end"] == quote.end
    assert quote.prefix == world.article.body[max(0, quote.start - len(quote.prefix)) : quote.start]
