"""A statement list asked for an invalid filter answers 400 with the message beside the
filter and no list that could pass for the results; odd input is never a server error."""

from __future__ import annotations

import pytest
from django.utils.html import escape
from pytest_django.asserts import assertContains

from tests.pages.reading import (
    between,
    listed_ids,
    main_html,
)

FACET_FILTERS = ("actor", "speaker", "stance", "claim", "outlet", "year")


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        (
            "stance=maybe",
            "stance",
            "Select a valid choice. maybe is not one of the available choices.",
        ),
        ("actor=nobody", "actor", "No actor is called 'nobody' (by slug, name or alias)."),
        ("speaker=Iran", "speaker", "No person is called 'Iran' (by slug, name or alias)."),
        ("claim=no-such-claim", "claim", "No claim has the slug 'no-such-claim'."),
        ("outlet=nowhere", "outlet", "No outlet has the slug 'nowhere'."),
        ("year=abc", "year", "Not a year: 'abc'."),
        ("date_from=notadate", "date_from", "Enter a valid date."),
        (
            "date_from=2022-12-31&date_to=2022-01-01",
            "date_to",
            "The end date 2022-01-01 is before the start date 2022-12-31.",
        ),
        ("q=!!!", "q", "Search for at least one word (letters or digits)."),
    ],
)
def test_an_invalid_filter_is_a_400_with_the_message_beside_the_filter(
    client, db, query, name, message
):
    response = client.get(f"/statements/?{query}")

    assert response.status_code == 400
    content = main_html(response)
    assert f"<strong>{name}</strong>: {escape(message)}</li>" in content
    if name in FACET_FILTERS:
        beside = between(content, f'aria-labelledby="facet-error-{name}">', "</section>")
        assert f">{name.capitalize()}</h2>" in beside
    else:
        beside = between(content, f'<label for="id_{name}">', "</div>")
    assert escape(message) in beside
    # Never a list that could pass for the results.
    assert listed_ids(content) == []


def test_an_unknown_parameter_is_a_400_naming_it(client, db):
    response = client.get("/statements/?stance=denied&colour=red")

    assert response.status_code == 400
    assertContains(response, "<strong>colour</strong>: not a filter of this page.", status_code=400)
    assert listed_ids(response) == []


ODD_QUERIES = [
    "actor=a%00b",
    "speaker=a%00b",
    "claim=a%00b",
    "outlet=a%00b",
    "year=2022%00",
    "q=drone%00",
    "date_from=2022-02-30",
    "date_to=2022-13-01",
    "year=99999",
    "q=" + "word+" * 60,
    'q="unbalanced',
    "q=NEAR(drones)",
    "q=-drones",
    "q=drones+OR",
    "q=the",
    "q=%E2%80%9Cquoted%E2%80%9D",
    "stance=denied&page=abc",
    "stance=denied&page=9999",
    "actor=" + "x" * 500,
    "&".join(f"actor=a{n}" for n in range(60)),
]


def test_odd_input_is_answered_never_with_a_server_error(client, seed):
    answers = {query: client.get(f"/statements/?{query}").status_code for query in ODD_QUERIES}

    assert {query: status for query, status in answers.items() if status not in (200, 400)} == {}
    # A NUL byte in a name is refused beside its filter, on PostgreSQL as on SQLite.
    response = client.get("/statements/?actor=a%00b")
    assertContains(
        response,
        "<strong>actor</strong>: Holds a NUL character, which text never contains.",
        1,
        400,
    )
