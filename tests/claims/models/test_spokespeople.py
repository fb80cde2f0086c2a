"""A person speaks for a state or an organisation, on every path: the actor form, the
API, the admin, and the database itself for bulk updates and raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from rest_framework.test import APIClient

from claims.models import Actor
from tests.factories import make_actor

MESSAGE = "speaks for Iran, so it stays a state or an organisation"


@pytest.fixture
def iran(db):
    iran = make_actor(name="Iran", slug="iran", kind="state")
    make_actor(name="Nasser Kanaani", slug="nasser-kanaani", kind="person", speaks_for=iran)
    return iran


def test_the_api_refuses_to_make_a_state_with_spokespeople_a_person(iran, editor):
    api = APIClient()
    api.force_authenticate(editor)

    response = api.patch(
        "/api/v1/actors/iran/", {"kind": "person", "version": iran.version}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "kind": [f"Nasser Kanaani {MESSAGE}: have them speak for another first."]
    }
    assert Actor.objects.get(pk=iran.pk).kind == "state"


def test_the_actor_form_refuses_it_naming_the_people(iran, editor_client):
    form = editor_client.get("/actors/iran/edit/").context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}

    response = editor_client.post("/actors/iran/edit/", data | {"kind": "person"})

    assert response.status_code == 400
    assert MESSAGE in " ".join(response.context["form"].errors["kind"])
    assert Actor.objects.get(pk=iran.pk).kind == "state"


def test_the_admin_refuses_it(iran, admin_client):
    actor = Actor.objects.get(pk=iran.pk)
    response = admin_client.post(
        f"/admin/claims/actor/{actor.pk}/change/",
        {
            "name": actor.name,
            "slug": actor.slug,
            "kind": "media",
            "description": "",
            "note": "",
            "version": actor.version,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert Actor.objects.get(pk=iran.pk).kind == "state"


def test_the_database_refuses_a_bulk_update_of_the_kind(iran):
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Actor.objects.filter(pk=iran.pk).update(kind="person")

    assert Actor.objects.get(pk=iran.pk).kind == "state"


def test_the_database_refuses_a_person_speaking_for_a_person(iran):
    kanaani = Actor.objects.get(slug="nasser-kanaani")
    someone = make_actor(kind="person")

    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Actor.objects.filter(pk=someone.pk).update(speaks_for=kanaani)
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Actor.objects.bulk_create([Actor(name="X", slug="x", kind="person", speaks_for=kanaani)])


def test_a_state_without_spokespeople_may_change_kind(db):
    actor = make_actor(kind="state")
    actor.kind = "organisation"
    actor.full_clean(exclude=["version"])
    actor.save()
    Actor.objects.filter(pk=actor.pk).update(kind="media")

    assert Actor.objects.get(pk=actor.pk).kind == "media"
