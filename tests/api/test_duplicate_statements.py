"""The API records a statement once: a POST that repeats one already recorded (the same
actor, claim and stance within the duplicate window of the editor's form) answers 409
with that statement and how to add the quote to it; "allow_duplicate" overrides."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Quote, Statement
from sources.models import Article

# The README's own example: Kanaani's denial of 18 October 2022, statement 16 of the seed.
README_EXAMPLE = {
    "actor": "iran",
    "speaker": "nasser-kanaani",
    "claim": "iran-supplied-drones-to-russia",
    "stance": "denied",
    "made_on": "2022-10-18",
    "made_on_precision": "day",
    "date_wording": "The next day",
    "quotes": [{"article": 1, "text": "The next day, Kannani made similar statements"}],
}


@pytest.fixture
def api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def existing() -> Statement:
    return Statement.objects.get(
        actor__slug="iran", claim__slug="iran-supplied-drones-to-russia", made_on="2022-10-18"
    )


def test_the_readme_example_is_answered_409_with_the_existing_statement(seed, api):
    statement = existing()
    counts = (Statement.objects.count(), Quote.objects.count())

    response = api.post("/api/v1/statements/", README_EXAMPLE, format="json")

    assert response.status_code == 409
    body = response.json()
    url = f"http://testserver/api/v1/statements/{statement.pk}/"
    assert body["duplicate_of"] == {"id": statement.pk, "url": url}
    assert response["Location"] == url
    assert body["add_quote"] == {
        "method": "POST",
        "url": "http://testserver/api/v1/quotes/",
        "body": {
            "statement": statement.pk,
            "article": 1,
            "text": "The next day, Kannani made similar statements",
        },
    }
    assert "allow_duplicate" in body["detail"]
    assert (Statement.objects.count(), Quote.objects.count()) == counts


def test_the_quote_is_added_to_the_existing_statement_as_the_answer_says(seed, api):
    body = Article.objects.get(pk=3).body
    words = next(
        body[at : at + 60] for at in range(len(body)) if body.count(body[at : at + 60]) == 1
    )
    answer = api.post(
        "/api/v1/statements/",
        README_EXAMPLE | {"quotes": [{"article": 3, "text": words}]},
        format="json",
    ).json()["add_quote"]

    added = api.post(answer["url"], answer["body"], format="json")

    assert added.status_code == 201, added.content
    assert Quote.objects.get(pk=added.json()["id"]).statement_id == existing().pk


def test_allow_duplicate_records_a_separate_statement(seed, api):
    count = Statement.objects.count()

    response = api.post(
        "/api/v1/statements/", README_EXAMPLE | {"allow_duplicate": True}, format="json"
    )

    assert response.status_code == 201, response.content
    assert Statement.objects.count() == count + 1
    assert "allow_duplicate" not in response.json()


@pytest.mark.parametrize(
    "change",
    [
        {"stance": "confirmed"},  # another stance is another statement (a position change)
        {"made_on": "2022-11-30"},  # outside the window
        {"actor": "ukraine", "speaker": None},
    ],
)
def test_a_statement_that_differs_is_not_a_duplicate(seed, api, change):
    response = api.post("/api/v1/statements/", README_EXAMPLE | change, format="json")

    assert response.status_code == 201, response.content


def test_an_invalid_quote_is_still_a_400_before_any_duplicate_check(seed, api):
    response = api.post(
        "/api/v1/statements/",
        README_EXAMPLE | {"quotes": [{"article": 1, "text": "Words that are not there"}]},
        format="json",
    )

    assert response.status_code == 400
    assert "quotes[0]" in response.json()


def test_the_schema_documents_the_409_and_allow_duplicate(seed):
    schema = APIClient().get("/api/v1/schema/?format=json").json()

    create = schema["paths"]["/api/v1/statements/"]["post"]
    assert "409" in create["responses"]
    request = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][request.rsplit("/", 1)[1]]
    assert component["properties"]["allow_duplicate"]["type"] == "boolean"
