"""The seven 500s a probe found, each now a 4xx naming the field: one reading of ids and
numbers, and one guard against NUL characters and lone surrogates for every text input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Actor, Quote, Statement
from claimtracker import inputs

STATEMENT = {
    "actor": "iran",
    "claim": "iran-supplied-drones-to-russia",
    "stance": "denied",
    "made_on": "2021-03-02",
    "made_on_precision": "day",
    "quotes": [{"article": 1, "text": "The next day, Kannani made similar statements"}],
}
NUL = "Holds a NUL character, which text never contains."
SURROGATE = "Holds a lone surrogate, which is not valid Unicode."


@pytest.fixture
def api(administrator):
    client = APIClient()
    client.force_authenticate(administrator)
    return client


def counts() -> tuple[int, int, int]:
    return Statement.objects.count(), Quote.objects.count(), Actor.objects.count()


def test_a_lone_surrogate_in_a_json_field_is_a_400_naming_it(seed, api):
    before = counts()
    body = '{"stance": "\\ud800", "actor": "iran"}'

    response = api.generic("POST", "/api/v1/statements/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"stance": [SURROGATE]}
    assert counts() == before


def test_json_nested_five_thousand_levels_is_a_400(seed, api):
    body = "[" * 5000 + "]" * 5000

    response = api.generic("POST", "/api/v1/statements/", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested more than" in response.json()["detail"]


def test_a_nul_in_an_address_is_a_400_naming_the_path(seed):
    response = APIClient().get("/api/v1/actors/%00/")

    assert response.status_code == 400
    assert response.json() == {"path": [NUL]}


def test_a_nul_in_a_merge_target_is_a_400_naming_into(seed, api):
    before = counts()

    response = api.post("/api/v1/actors/iran/merge/", {"into": "a\x00"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"into": [NUL]}
    assert counts() == before


def test_a_nul_in_the_editors_actor_search_is_a_400_naming_q(editor_client, seed):
    response = editor_client.get("/editor/actors.json", {"q": "ab\x00cd"})

    assert response.status_code == 400
    assert response.json() == {"q": [NUL]}


def test_a_superscript_statement_id_is_no_statement(editor_client, seed):
    before = counts()

    response = editor_client.post("/articles/1/statements/new/", {"add_to": "³", "text": "Kannani"})

    assert response.status_code == 404
    assert counts() == before


def test_a_superscript_start_is_read_as_no_start(editor_client, seed):
    # "²" is not an offset: the words are looked for in the article, as without a start.
    response = editor_client.post(
        "/articles/1/statements/new/",
        {"add_to": "17", "start": "²", "text": "The next day, Kannani made similar statements"},
    )

    assert response.status_code == 302
    assert (
        Statement.objects.get(pk=17)
        .quotes.filter(text="The next day, Kannani made similar statements")
        .exists()
    )


def test_a_nul_in_a_page_form_is_a_400_page_naming_the_field(editor_client, seed):
    response = editor_client.post("/articles/1/statements/new/", {"text": "no\x00pe"})

    assert response.status_code == 400
    assert "text" in response.content.decode() and "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("17", 17),
        ("0", None),
        ("³", None),
        ("１７", None),
        ("-3", None),
        (" 4", None),
        (str(2**63), None),
        (17, 17),
        (True, None),
    ],
)
def test_an_id_is_ascii_digits_within_what_the_database_stores(value, expected):
    assert inputs.record_id(value) == expected


def test_nested_json_is_walked_without_recursion_and_paths_are_named():
    assert inputs.first_problem({"quotes": [{"text": "ok"}, {"text": "a\x00"}]}) == (
        "quotes[1].text",
        NUL,
    )
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    assert inputs.first_problem(deep)[1].startswith("Nested more than")
    assert inputs.first_problem({"fine": ["words", 1, None]}) is None
