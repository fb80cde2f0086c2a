"""GET /api/v1/articles/<id>/proposals/: editors get the proposals in the shape the
issue gives; nobody else does; the schema documents it; queries stay flat."""

from __future__ import annotations

import json

import pytest

from tests.api.support import token_client
from tests.factories import make_actor, make_article, make_claim, make_user

BODY = (
    "Tehran denied on Monday that it had sent drones to Russia. "
    "“We have not supplied weapons to any of the belligerent countries,” Iranian Foreign "
    "Ministry spokesman Nasser Kanaani said at a press conference."
)
PROPOSAL_KEYS = {
    "quote",
    "actor",
    "speaker",
    "stance",
    "claim",
    "made_on",
    "made_on_precision",
    "date_wording",
    "joins_statement",
    "confidence",
    "cue",
}


def url(article) -> str:
    return f"/api/v1/articles/{article.pk}/proposals/"


@pytest.fixture
def article(newsroom):
    return make_article(body=BODY)


def test_an_editor_gets_the_proposals_in_the_issue_shape(editor_api, article):
    response = editor_api.get(url(article))
    assert response.status_code == 200
    answer = response.json()
    assert answer["article"] == article.pk
    first, second = answer["proposals"]
    assert set(first) == PROPOSAL_KEYS
    assert set(first["quote"]) == {"start", "end", "text"}
    assert set(first["actor"]) == {"slug", "name", "kind", "speaks_for"}
    assert set(first["claim"]) == {"slug", "text"}
    assert first["actor"]["slug"] == "iran" and first["stance"] == "denied"
    assert (first["made_on"], first["made_on_precision"], first["date_wording"]) == (
        "2022-10-17",
        "day",
        "on Monday",
    )
    assert second["speaker"] == {
        "slug": "nasser-kanaani",
        "name": "Nasser Kanaani",
        "kind": "person",
        "speaks_for": "iran",
    }
    for proposal in answer["proposals"]:
        quote = proposal["quote"]
        assert BODY[quote["start"] : quote["end"]] == quote["text"]
        assert 0 <= proposal["confidence"] <= 1


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("reader", 403)])
def test_only_editors_get_proposals(api_as, article, role, status):
    response = api_as(role).get(url(article))
    assert response.status_code in (status, 403)
    assert "proposals" not in response.json()


def test_an_administrator_is_an_editor_too(administrator_api, article):
    assert administrator_api.get(url(article)).status_code == 200


def test_a_missing_article_is_a_404_that_says_so(editor_api, newsroom):
    response = editor_api.get("/api/v1/articles/999999/proposals/")
    assert response.status_code == 404
    assert response.json()["detail"] == "No article has this id."


def test_the_schema_documents_the_endpoint_for_editors(client, db):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    operation = schema["paths"]["/api/v1/articles/{id}/proposals/"]["get"]
    assert {} not in operation.get("security", [])  # no anonymous access
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][name]["properties"]) == {"article", "proposals"}
    proposal = schema["components"]["schemas"]["Proposal"]
    assert set(proposal["properties"]) == PROPOSAL_KEYS


def test_the_queries_do_not_grow_with_the_actors_claims_or_body(db, django_assert_max_num_queries):
    editor = token_client(make_user("many-editor", "editor"))
    for n in range(60):
        body = make_actor(name=f"Country {n}", slug=f"country-{n}", aliases=(f"Capital {n}",))
        make_actor(name=f"Person Number{n}", slug=f"person-{n}", kind="person", speaks_for=body)
        make_claim(slug=f"claim-{n}", text=f"Country {n} supplied drones to Country {n + 1}")
    article = make_article(
        body=" ".join(f"Country {n} denied on Monday that it supplied drones." for n in range(60))
    )
    # About nine for the token, the role and the throttle; the proposals load the actors,
    # aliases and claims once and find every joined statement in one query.
    with django_assert_max_num_queries(18):
        response = editor.get(url(article))
    assert len(response.json()["proposals"]) == 60
