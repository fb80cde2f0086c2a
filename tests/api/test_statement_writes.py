"""Writing statements through the API: validated like the forms, a 400 naming the field
and its problem, and all or nothing."""

from __future__ import annotations

import pytest

from claims.models import Quote, Statement
from tests.api.contract import assert_contract_shape, expected_record
from tests.api.support import database_state


@pytest.fixture
def valid_statement(seed) -> dict:
    quote = Quote.objects.filter(article__outlet__slug="rt").order_by("id").first()
    return {
        "actor": "iran",
        "speaker": "nasser-kanaani",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-10-17",
        "made_on_precision": "day",
        "date_wording": "on Monday",
        "quotes": [{"article": quote.article_id, "text": quote.text, "start": quote.start}],
        # Seed statement 15 says the same: recorded again on purpose (see
        # test_duplicate_statements.py for the 409 this would otherwise get).
        "allow_duplicate": True,
    }


def with_quote(valid: dict, **changes) -> dict:
    return {**valid, "quotes": [{**valid["quotes"][0], **changes}]}


def not_verbatim(valid: dict) -> dict:
    text = valid["quotes"][0]["text"]
    words = text.split(" ")
    words[len(words) // 2] = "definitely"
    return with_quote(valid, text=" ".join(words))


def elsewhere(valid: dict) -> dict:
    """The quote's words, with a start where the article does not hold them."""
    return with_quote(valid, start=valid["quotes"][0]["start"] + 5)


# What is wrong -> (the field the 400 names, words its message must hold).
INVALID_STATEMENTS = {
    "quote outside the body": (lambda v: with_quote(v, start=10**6), "quotes", ""),
    "quote not verbatim": (not_verbatim, "quotes", ""),
    "quote not verbatim, no start given": (
        lambda v: {**not_verbatim(v), "quotes": [{**not_verbatim(v)["quotes"][0], "start": None}]},
        "quotes",
        "",
    ),
    "quote not at the start given": (elsewhere, "quotes", "start"),
    "quote found nowhere in the article": (
        lambda v: with_quote(v, text="Iran admitted it supplied two thousand drones.", start=None),
        "quotes",
        "",
    ),
    "quote from an unknown article": (lambda v: with_quote(v, article=10**6), "quotes", ""),
    "no quote": (lambda v: {**v, "quotes": []}, "quotes", "at least one quote"),
    "unknown actor slug": (lambda v: {**v, "actor": "atlantis"}, "actor", "atlantis"),
    "unknown claim slug": (lambda v: {**v, "claim": "iran-supplied-unicorns"}, "claim", ""),
    # PostgreSQL refuses to compare text holding NUL; the fuzzer once made this a 500.
    "claim slug holding NUL": (lambda v: {**v, "claim": "iran\x00drones"}, "claim", ""),
    "speaker slug holding NUL": (lambda v: {**v, "speaker": "\x00"}, "speaker", ""),
    "stance maybe": (lambda v: {**v, "stance": "maybe"}, "stance", "maybe"),
    "speaker is not a person": (
        lambda v: {**v, "speaker": "russia"},
        "speaker",
        "must be a person",
    ),
    "wording contradicts precision": (
        lambda v: {**v, "date_wording": "in September", "made_on": "2022-09-14"},
        "made_on_precision",
        "month",
    ),
    "month precision not on the first": (
        lambda v: {**v, "made_on_precision": "month", "date_wording": ""},
        "made_on",
        "first day",
    ),
    "unknown precision": (
        lambda v: {**v, "made_on_precision": "hour"},
        "made_on_precision",
        "hour",
    ),
    "not a date": (lambda v: {**v, "made_on": "17/10/2022"}, "made_on", ""),
}


@pytest.mark.parametrize("case", INVALID_STATEMENTS, ids=list(INVALID_STATEMENTS))
def test_an_invalid_statement_is_a_400_naming_the_field_and_nothing_is_written(
    case, valid_statement, editor_api
):
    make_invalid, field, words = INVALID_STATEMENTS[case]
    before = database_state()
    statements, quotes = Statement.objects.count(), Quote.objects.count()
    response = editor_api.post("/api/v1/statements/", make_invalid(valid_statement), format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    named = [key for key in body if key == field or key.startswith(f"{field}[")]
    assert named, body
    assert str(body[named[0]]).strip("[]{}'\" "), "the problem is not said"
    assert words in str(body[named[0]]), body
    assert (Statement.objects.count(), Quote.objects.count()) == (statements, quotes)
    assert database_state() == before


def test_a_quote_given_without_its_start_is_found_in_the_article(valid_statement, editor_api):
    quote = valid_statement["quotes"][0]
    payload = {**valid_statement, "quotes": [{"article": quote["article"], "text": quote["text"]}]}
    response = editor_api.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content
    (stored,) = Statement.objects.get(pk=response.json()["id"]).quotes.all()
    assert (stored.start, stored.end) == (quote["start"], quote["start"] + len(quote["text"]))
    assert stored.article.body[stored.start : stored.end] == quote["text"]


def test_a_valid_statement_is_created_in_the_contracts_shape_with_history(
    valid_statement, editor_api, editor
):
    statements, quotes = Statement.objects.count(), Quote.objects.count()
    response = editor_api.post("/api/v1/statements/", valid_statement, format="json")
    assert response.status_code == 201, response.content
    record = response.json()
    assert_contract_shape(record)
    created = Statement.objects.get(pk=record["id"])
    assert record == expected_record(created)
    assert (Statement.objects.count(), Quote.objects.count()) == (statements + 1, quotes + 1)
    assert (record["actor"], record["speaker"], record["stance"]) == (
        "iran",
        "nasser-kanaani",
        "denied",
    )
    history = created.history.get()
    assert history.history_type == "+"
    assert history.history_user == editor
    quote = created.quotes.get()
    assert quote.history.get().history_type == "+"
    assert quote.article.body[quote.start : quote.end] == quote.text
    # The new statement reads back the same, and the page shows it.
    assert editor_api.get(f"/api/v1/statements/{created.pk}/").json() == record


def test_a_statement_with_quotes_from_two_articles(seed, editor_api):
    first, second = (
        Quote.objects.filter(article__outlet__slug=slug).order_by("id").first()
        for slug in ("rt", "hotnews-ro")
    )
    payload = {
        "actor": "russia",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-10-01",
        "made_on_precision": "month",
        "quotes": [
            {"article": q.article_id, "text": q.text, "start": q.start} for q in (first, second)
        ],
    }
    response = editor_api.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content
    assert {q["outlet"] for q in response.json()["quotes"]} == {"rt", "hotnews-ro"}
    # One bad quote among good ones writes nothing, not even the good ones.
    payload["quotes"][1] = {**payload["quotes"][1], "start": 10**6}
    before = database_state()
    refused = editor_api.post("/api/v1/statements/", payload, format="json")
    assert refused.status_code == 400
    assert "quotes[1]" in refused.json()
    assert database_state() == before
