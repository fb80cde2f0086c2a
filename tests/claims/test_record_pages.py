"""Editor pages for actors, claims and quotes; administrators delete."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from claims.models import Actor, Claim, Quote


def client_for(cast, role) -> Client:
    client = Client()
    if cast[role] is not None:
        client.force_login(cast[role])
    return client


def actor_form(**changes):
    return {
        "version": 1,
        "name": "Ukraine",
        "slug": "ukraine",
        "kind": "state",
        "speaks_for": "",
        "description": "",
        "note": "",
        "aliases": "Kyiv\nKiev",
    } | changes


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "administrator"])
def test_only_editors_edit_actors_claims_and_quotes(seed, cast, role):
    client = client_for(cast, role)
    quote = Quote.objects.get(statement_id=4)
    responses = [
        client.post("/actors/ukraine/edit/", actor_form(note=f"by {role}")),
        client.post(
            "/claims/russia-iran-drone-factory/edit/",
            {
                "version": 1,
                "text": "Russia is building a drone plant with Iran's help",
                "slug": "russia-iran-drone-factory",
                "note": "",
            },
        ),
        client.post(f"/quotes/{quote.pk}/edit/", {"version": 1, "text": "Moscow, in turn, denied"}),
    ]
    if role in ("editor", "administrator"):
        assert [r.status_code for r in responses] == [302, 302, 302]
        assert Actor.objects.get(slug="ukraine").note == f"by {role}"
        quote.refresh_from_db()
        assert quote.article.body[quote.start : quote.end] == "Moscow, in turn, denied"
    else:
        expected = 302 if role == "anonymous" else 403
        assert [r.status_code for r in responses] == [expected] * 3
        assert Actor.objects.get(slug="ukraine").version == 1
        assert Claim.objects.get(slug="russia-iran-drone-factory").version == 1


def test_editing_an_actor_keeps_aliases_unique_and_each_change_in_history(seed, cast):
    client = client_for(cast, "editor")
    clash = client.post("/actors/ukraine/edit/", actor_form(aliases="Kyiv\nTehran"))
    assert clash.status_code == 400
    assertContains(clash, "already an alias of Iran", status_code=400)
    client.post("/actors/ukraine/edit/", actor_form(aliases="Kyiv\nKyjiw"))
    names = set(Actor.objects.get(slug="ukraine").aliases.values_list("name", flat=True))
    assert names == {"Kyiv", "Kyjiw"}
    stale = client.post("/actors/ukraine/edit/", actor_form(note="stale"))
    assert stale.status_code == 409, stale.context["form"].errors
    assert Actor.objects.get(slug="ukraine").note == ""


def test_a_quote_correction_must_be_words_of_its_article(seed, cast):
    client = client_for(cast, "editor")
    quote = Quote.objects.get(statement_id=4)
    response = client.post(f"/quotes/{quote.pk}/edit/", {"version": 1, "text": "Not in it"})
    assert response.status_code == 400
    assertContains(
        response, "These words do not occur in the article exactly as given.", status_code=400
    )
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_administrators_delete_a_claim_nothing_points_to_and_its_address_answers_410(seed, cast):
    admin = client_for(cast, "administrator")
    refused = admin.post("/claims/iran-supplied-drones-to-russia/delete/")
    assert refused.status_code == 302
    assert Claim.objects.filter(slug="iran-supplied-drones-to-russia").exists()
    empty = Claim.objects.create(slug="unused", text="An unused claim")
    assert client_for(cast, "editor").post("/claims/unused/delete/").status_code == 403
    admin.post("/claims/unused/delete/")
    assert not Claim.objects.filter(pk=empty.pk).exists()
    gone = admin.get("/claims/unused/")
    assert gone.status_code == 410
    assertContains(gone, "An unused claim", status_code=410)


def test_a_deleted_articles_address_answers_410(db, client):
    from tests.factories import make_article

    article = make_article(title="A short-lived article")
    pk = article.pk
    article.delete()
    gone = client.get(f"/articles/{pk}/")
    assert gone.status_code == 410
    assertContains(gone, "A short-lived article", status_code=410)
    assert client.get("/articles/999999/").status_code == 404
