"""An actor's Wikidata id: Q followed by digits, unique when present, the same rule on
every path (form, admin, bulk writes, raw SQL); shown as a link, kept in the history.
The API, its schema and the exports: tests/api/test_record_links.py."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from pytest_django.asserts import assertContains, assertNotContains

from claims.models import Actor
from tests.factories import make_actor

BAD_IDS = ["q794", "Q", "Q0794", "Q0", "794", "Q79a4", " Q794", "Q794 ", "Q-1", "Q７９４"]
GOOD_IDS = ["Q1", "Q794", "Q123456789"]


def actor_form(actor: Actor, **changes) -> dict:
    return {
        "version": actor.version,
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "speaks_for": "",
        "description": actor.description,
        "wikidata_id": actor.wikidata_id,
        "note": actor.note,
        "aliases": "",
    } | changes


@pytest.mark.django_db
@pytest.mark.parametrize("wikidata_id", BAD_IDS)
def test_the_database_refuses_a_malformed_wikidata_id_from_raw_sql(wikidata_id):
    actor = make_actor()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_actor SET wikidata_id = %s WHERE id = %s", [wikidata_id, actor.pk]
        )
    assert Actor.objects.get(pk=actor.pk).wikidata_id == ""


@pytest.mark.django_db
def test_the_database_refuses_a_malformed_id_from_a_bulk_update_and_a_taken_one():
    first, second = make_actor(), make_actor()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=first.pk).update(wikidata_id="Q01")
    Actor.objects.filter(pk=first.pk).update(wikidata_id="Q794")
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=second.pk).update(wikidata_id="Q794")
    # Empty is no id: any number of actors have none.
    assert Actor.objects.filter(wikidata_id="").count() == 1
    assert make_actor().wikidata_id == ""


@pytest.mark.django_db
@pytest.mark.parametrize("wikidata_id", GOOD_IDS)
def test_a_well_formed_wikidata_id_is_saved_by_the_database(wikidata_id):
    actor = make_actor()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_actor SET wikidata_id = %s WHERE id = %s", [wikidata_id, actor.pk]
        )
    assert Actor.objects.get(pk=actor.pk).wikidata_id == wikidata_id


@pytest.mark.django_db
@pytest.mark.parametrize("wikidata_id", ["q794", "Q0794", "Q79a4"])
def test_the_editor_is_told_what_a_wikidata_id_looks_like_and_nothing_is_saved(
    editor_client, wikidata_id
):
    actor = make_actor(slug="iran", name="Iran")
    response = editor_client.post("/actors/iran/edit/", actor_form(actor, wikidata_id=wikidata_id))
    assert response.status_code == 400
    assert response.context["form"].errors["wikidata_id"] == [
        "A Wikidata id is Q followed by digits, with no leading zero: Q794 for Iran."
    ]
    assert Actor.objects.get(pk=actor.pk).version == actor.version


@pytest.mark.django_db
def test_an_id_another_actor_has_is_refused_naming_that_actor(editor_client):
    make_actor(slug="iran", name="Iran", wikidata_id="Q794")
    persia = make_actor(slug="persia", name="Persia")
    response = editor_client.post("/actors/persia/edit/", actor_form(persia, wikidata_id="Q794"))
    assert response.status_code == 400
    assertContains(response, "Q794 is already the Wikidata id of Iran.", status_code=400)
    assert Actor.objects.get(pk=persia.pk).wikidata_id == ""


@pytest.mark.django_db
def test_an_editor_sets_the_id_and_the_history_keeps_the_change(editor_client):
    actor = make_actor(slug="iran", name="Iran")
    response = editor_client.post("/actors/iran/edit/", actor_form(actor, wikidata_id="Q794"))
    assert response.status_code == 302
    assert Actor.objects.get(pk=actor.pk).wikidata_id == "Q794"
    versions = list(actor.history.order_by("history_id").values_list("wikidata_id", flat=True))
    assert versions == ["", "Q794"]
    history = editor_client.get(f"/history/actor/{actor.pk}/")
    assertContains(history, "Wikidata id")
    assertContains(history, "Q794")


@pytest.mark.django_db
def test_the_actor_page_links_its_wikidata_item_only_when_it_has_one(client):
    make_actor(slug="iran", name="Iran", wikidata_id="Q794")
    make_actor(slug="atlantis", name="Atlantis")
    page = client.get("/actors/iran/")
    assertContains(page, '<a href="https://www.wikidata.org/wiki/Q794"', html=False)
    assertContains(page, ">Q794</a>")
    assertNotContains(client.get("/actors/atlantis/"), "wikidata.org")


def test_the_seed_fills_only_the_id_a_stored_source_confirms(seed):
    assert dict(Actor.objects.exclude(wikidata_id="").values_list("slug", "wikidata_id")) == {
        "iran": "Q794"
    }


def test_the_admin_edits_the_id_with_the_same_rule(seed, admin_client):
    iran = Actor.objects.get(slug="iran")
    page = admin_client.get(f"/admin/claims/actor/{iran.pk}/change/")
    assertContains(page, 'name="wikidata_id"')
    assertContains(page, 'value="Q794"')
    russia = Actor.objects.get(slug="russia")
    form = {
        "name": "Russia",
        "slug": "russia",
        "kind": "state",
        "speaks_for": "",
        "description": "",
        "note": "",
        "wikidata_id": "Q794",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }
    refused = admin_client.post(f"/admin/claims/actor/{russia.pk}/change/", form)
    assert refused.status_code == 200  # the form again, with the error
    assertContains(refused, "Q794 is already the Wikidata id of Iran.")
    saved = admin_client.post(
        f"/admin/claims/actor/{russia.pk}/change/", form | {"wikidata_id": "Q159"}
    )
    assert saved.status_code == 302
    assert Actor.objects.get(pk=russia.pk).wikidata_id == "Q159"
    assert russia.history.latest().wikidata_id == "Q159"
