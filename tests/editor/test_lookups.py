"""The record form's lookups (claims/views/editing.py): actor suggestions and date
resolution, for editors only."""

from __future__ import annotations

import pytest

from tests.editor.recording import RT_PESKOV
from tests.factories import ROLES

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


# --- who may use them ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_actor_suggestions_answer_editors_only(role, role_client):
    response = role_client.get("/editor/actors.json", {"q": "kann"})
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.json() == {
            "actors": [{"name": "Nasser Kanaani", "slug": "nasser-kanaani", "kind": "person"}]
        }


@pytest.mark.parametrize("role", ROLES)
def test_date_resolution_answers_editors_only(role, role_client):
    response = role_client.get(
        "/editor/resolve-date.json", {"article": RT_PESKOV, "wording": "on Monday"}
    )
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.json() == {
            "date": "2022-10-17",
            "precision": "day",
            "label": "17 October 2022",
        }


# --- what they answer -----------------------------------------------------------------


def test_actor_suggestions_find_actors_by_any_alias_and_can_keep_to_persons(editor_client):
    by_alias = editor_client.get("/editor/actors.json", {"q": "kreml"}).json()
    assert [a["slug"] for a in by_alias["actors"]] == ["russia"]
    persons = editor_client.get("/editor/actors.json", {"q": "kreml", "persons": "1"}).json()
    assert persons == {"actors": []}
    peskov = editor_client.get("/editor/actors.json", {"q": "dmytro", "persons": "1"}).json()
    assert [a["slug"] for a in peskov["actors"]] == ["dmitry-peskov", "dmytro-kuleba"]
    assert editor_client.get("/editor/actors.json", {"q": "k"}).json() == {"actors": []}


def test_date_resolution_explains_a_wording_it_cannot_resolve(editor_client):
    response = editor_client.get(
        "/editor/resolve-date.json", {"article": RT_PESKOV, "wording": "The next day"}
    )
    assert response.status_code == 400
    assert "earlier event" in response.json()["error"]
    month = editor_client.get(
        "/editor/resolve-date.json", {"article": RT_PESKOV, "wording": "Last month"}
    )
    assert month.json() == {"date": "2022-09-01", "precision": "month", "label": "September 2022"}


@pytest.mark.parametrize("article", ["", "999999", "3x"])
def test_date_resolution_for_an_unknown_article_is_not_found(editor_client, article):
    response = editor_client.get(
        "/editor/resolve-date.json", {"article": article, "wording": "on Monday"}
    )
    assert response.status_code == 404
