"""API answers written for people: a slug that names nothing says what was probably
meant, a bad cursor is a 400 naming the parameter, and a deleted record is 410 Gone."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims import actions
from claims.models import Actor, Statement

STATEMENT = {
    "actor": "iran",
    "speaker": "nasser-kanaani",
    "claim": "iran-supplied-drones-to-russia",
    "stance": "asserted",
    "made_on": "2021-03-02",
    "made_on_precision": "day",
    "quotes": [{"article": 1, "text": "The next day, Kannani made similar statements"}],
}


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"actor": "Kiev"},
            "actor",
            "No actor with the slug 'Kiev'; did you mean 'ukraine' (alias Kiev)?",
        ),
        (
            {"actor": "Ukrane"},
            "actor",
            "No actor with the slug 'Ukrane'; did you mean 'ukraine' (Ukraine)?",
        ),
        (
            {"speaker": "kanani"},
            "speaker",
            "No person with the slug 'kanani'; did you mean 'nasser-kanaani' (Nasser Kanaani)?",
        ),
        ({"speaker": "russia"}, "speaker", "Russia is a state; a speaker must be a person."),
        ({"actor": "zzzz-nobody"}, "actor", "No actor with the slug 'zzzz-nobody'."),
        (
            {"claim": "iran-supplied-drone"},
            "claim",
            "No claim with the slug 'iran-supplied-drone'; did you mean "
            "'iran-supplied-drones-to-russia' (Iran supplied attack drones to Russia for its "
            "war in Ukraine)?",
        ),
    ],
)
def test_a_slug_that_names_nothing_is_answered_with_what_was_meant(
    seed, editor, change, field, message
):
    count = Statement.objects.count()

    response = client_of(editor).post("/api/v1/statements/", STATEMENT | change, format="json")

    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert "instance with id" not in response.content.decode()
    assert Statement.objects.count() == count


def test_a_cursor_the_api_never_gave_is_a_400_naming_the_cursor(seed):
    response = APIClient().get("/api/v1/statements/?cursor=not-a-cursor")

    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]
    assert "next" in response.json()["cursor"][0]


def test_a_deleted_record_is_gone_from_the_api_as_from_its_page(seed, administrator):
    admin = client_of(administrator)
    assert admin.delete("/api/v1/statements/5/").status_code == 204

    answered = APIClient().get("/api/v1/statements/5/")

    assert answered.status_code == 410
    assert "was deleted on" in answered.json()["detail"]
    assert APIClient().get("/statements/5/").status_code == 410
    assert APIClient().get("/api/v1/statements/999999/").status_code == 404
    assert admin.patch("/api/v1/statements/5/", {"note": "x"}, format="json").status_code == 410


def test_a_deleted_actor_is_gone_by_its_slug(seed, administrator):
    actor = Actor.objects.create(name="Short-lived", slug="short-lived", kind="state")
    client_of(administrator).delete(f"/api/v1/actors/{actor.slug}/")

    assert APIClient().get("/api/v1/actors/short-lived/").status_code == 410
    assert APIClient().get("/api/v1/actors/never-was/").status_code == 404


def test_a_merged_slug_still_names_its_actor_when_writing(seed, editor, administrator):
    duplicate = Actor.objects.create(name="Kanaani (dup)", slug="kanaani-dup", kind="person")
    actions.merge_actors(source=duplicate, target=Actor.objects.get(slug="nasser-kanaani"))

    response = client_of(editor).post(
        "/api/v1/statements/", STATEMENT | {"speaker": "kanaani-dup"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["speaker"] == "nasser-kanaani"
