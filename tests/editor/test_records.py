"""Editor pages for actors, claims and quotes (claims/views/records.py): editors edit,
administrators delete what nothing points to."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from claims.models import Actor, Claim, Quote
from tests.factories import ROLES, make_actor

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


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


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_edit_actors_claims_and_quotes(role, role_client):
    quote = Quote.objects.get(statement_id=4)
    responses = [
        role_client.post("/actors/ukraine/edit/", actor_form(note=f"by {role}")),
        role_client.post(
            "/claims/russia-iran-drone-factory/edit/",
            {
                "version": 1,
                "text": "Russia is building a drone plant with Iran's help",
                "slug": "russia-iran-drone-factory",
                "note": "",
            },
        ),
        role_client.post(
            f"/quotes/{quote.pk}/edit/", {"version": 1, "text": "Moscow, in turn, denied"}
        ),
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


def test_editing_an_actor_keeps_aliases_unique_and_each_change_in_history(editor_client):
    clash = editor_client.post("/actors/ukraine/edit/", actor_form(aliases="Kyiv\nTehran"))
    assert clash.status_code == 400
    assertContains(clash, "already an alias of Iran", status_code=400)
    editor_client.post("/actors/ukraine/edit/", actor_form(aliases="Kyiv\nKyjiw"))
    names = set(Actor.objects.get(slug="ukraine").aliases.values_list("name", flat=True))
    assert names == {"Kyiv", "Kyjiw"}
    stale = editor_client.post("/actors/ukraine/edit/", actor_form(note="stale"))
    assert stale.status_code == 409, stale.context["form"].errors
    assert Actor.objects.get(slug="ukraine").note == ""


def test_a_quote_correction_must_be_words_of_its_article(editor_client):
    quote = Quote.objects.get(statement_id=4)
    response = editor_client.post(f"/quotes/{quote.pk}/edit/", {"version": 1, "text": "Not in it"})
    assert response.status_code == 400
    assertContains(
        response, "These words do not occur in the article exactly as given.", status_code=400
    )
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_administrators_delete_a_claim_nothing_points_to_and_its_address_answers_410(
    administrator_client, editor
):
    refused = administrator_client.post("/claims/iran-supplied-drones-to-russia/delete/")
    assert refused.status_code == 302
    assert Claim.objects.filter(slug="iran-supplied-drones-to-russia").exists()
    empty = Claim.objects.create(slug="unused", text="An unused claim")
    editor_browser = Client()
    editor_browser.force_login(editor)
    assert editor_browser.post("/claims/unused/delete/").status_code == 403
    administrator_client.post("/claims/unused/delete/")
    assert not Claim.objects.filter(pk=empty.pk).exists()
    gone = administrator_client.get("/claims/unused/")
    assert gone.status_code == 410
    assertContains(gone, "An unused claim", status_code=410)


def test_a_deleted_actors_address_answers_410(administrator_client):
    make_actor(name="Hezbollah", slug="hezbollah", kind="organisation")
    assert administrator_client.post("/actors/hezbollah/delete/").status_code == 302
    response = administrator_client.get("/actors/hezbollah/")
    assert response.status_code == 410
    assertContains(response, "Hezbollah", status_code=410)
