"""API writes: validated like the forms, named errors, nothing written on error,
versions checked, cursor pages stable while editors add statements."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Quote, Statement
from tests.claims.test_api_roles import snapshot

GOOD = {
    "actor": "iran",
    "speaker": "nasser-kanaani",
    "claim": "iran-supplied-drones-to-russia",
    "stance": "denied",
    "made_on": "2022-10-18",
    "made_on_precision": "day",
    "date_wording": "The next day",
    "quotes": [{"article": 1, "text": "Moscow, in turn, denied the information."}],
}


@pytest.fixture
def api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"actor": "nobody"}, "actor", "nobody"),
        ({"stance": "maybe"}, "stance", "maybe"),
        ({"made_on_precision": "week"}, "made_on_precision", "week"),
        ({"speaker": "iran"}, "speaker", "person"),
        ({"date_wording": "in September"}, "made_on_precision", "month"),
        ({"made_on": "2022-10-18", "made_on_precision": "month"}, "made_on", "first day"),
        ({"quotes": [{"article": 1, "text": "Words that are not in the article."}]}, "quotes", ""),
        ({"quotes": [{"article": 1, "text": "Moscow, in turn", "start": 5}]}, "quotes", "start"),
        ({"quotes": []}, "quotes", "at least one quote"),
    ],
)
def test_a_bad_statement_is_refused_naming_the_field_and_nothing_is_written(
    seed, api, change, field, words
):
    before = snapshot()
    response = api.post("/api/v1/statements/", {**GOOD, **change}, format="json")
    assert response.status_code == 400
    errors = response.json()
    named = [key for key in errors if key == field or key.startswith(field)]
    assert named, errors
    assert words in str(errors[named[0]])
    assert snapshot() == before


def test_a_statement_created_through_the_api_has_its_quote_anchored_and_a_history(seed, api):
    response = api.post("/api/v1/statements/", GOOD, format="json")
    assert response.status_code == 201
    body = response.json()
    (quote,) = body["quotes"]
    statement = Statement.objects.get(pk=body["id"])
    stored = Quote.objects.get(statement=statement)
    assert stored.article.body[quote["start"] : quote["end"]] == GOOD["quotes"][0]["text"]
    assert statement.history.count() == 1
    assert body["url"].endswith(f"/statements/{statement.pk}/")


def test_an_update_needs_the_version_it_was_made_from(seed, api):
    url = "/api/v1/statements/17/"
    etag = api.get(url)["ETag"]
    assert etag == '"statement-17-v1"'

    missing = api.patch(url, {"note": "a"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()

    first = api.patch(url, {"note": "first"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] == '"statement-17-v2"'

    stale_header = api.patch(url, {"note": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale_header.status_code == 412
    stale_body = api.patch(url, {"note": "third", "version": 1}, format="json")
    assert stale_body.status_code == 409
    statement = Statement.objects.get(pk=17)
    assert (statement.note, statement.version) == ("first", 2)
    assert statement.history.count() == 2


def test_walking_cursor_pages_while_editors_add_statements_skips_and_repeats_nothing(seed, api):
    existing = set(Statement.objects.values_list("id", flat=True))
    seen, url = [], "/api/v1/statements/?page_size=7"
    while url:
        page = api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        api.post("/api/v1/statements/", {**GOOD, "made_on": "2023-01-02"}, format="json")
        url = page["next"]
    assert len(seen) == len(set(seen))
    assert existing <= set(seen)


def test_deleting_a_statements_only_quote_is_refused(seed, administrator):
    client = APIClient()
    client.force_authenticate(administrator)
    quote = Quote.objects.filter(statement_id=3).get()
    response = client.delete(f"/api/v1/quotes/{quote.pk}/")
    assert response.status_code == 400
    assert "at least one" in str(response.json())
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_merging_actors_moves_statements_and_names(seed, administrator):
    client = APIClient()
    client.force_authenticate(administrator)
    moved = set(Statement.objects.filter(actor__slug="eu").values_list("id", flat=True))
    client.post(
        "/api/v1/actors/",
        {"slug": "union", "name": "The Union", "kind": "organisation"},
        format="json",
    )
    response = client.post("/api/v1/actors/eu/merge/", {"into": "union"}, format="json")
    assert response.status_code == 200
    assert set(response.json()["aliases"]) >= {"European Union", "EU"}
    assert set(Statement.objects.filter(actor__slug="union").values_list("id", flat=True)) == moved
    assert all(Statement.objects.get(pk=pk).history.count() == 2 for pk in moved)
    across = client.post("/api/v1/actors/union/merge/", {"into": "iran"}, format="json")
    assert across.status_code == 400 and "same kind" in str(across.json())
