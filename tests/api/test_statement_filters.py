"""The statements endpoint filters exactly as the statement list page does, and refuses
an unknown parameter or a malformed value with a 400 naming it."""

from __future__ import annotations

import json

import pytest

from claims.models import Statement
from tests.api.support import page_statement_ids, walk

FILTER_QUERIES = [
    "",
    "actor=Kiev",
    "actor=iran",
    "actor=Tehran&actor=Moscow",
    "speaker=Kannani",
    "speaker=dmitry-peskov&speaker=Lavrov",
    "stance=denied&stance=confirmed",
    "stance=asserted",
    "claim=iran-supplied-drones-to-russia",
    "claim=iran-supplied-drones-to-russia&claim=russia-sought-drones-from-iran",
    "outlet=rt",
    "outlet=rt&outlet=hotnews-ro",
    "year=2022",
    "year=2021&year=2023",
    "date_from=2022-09-01&date_to=2022-12-31",
    "date_from=2023-01-01",
    "date_to=2022-06-30",
    "q=supply",
    "q=drones+Iran",
    "actor=iran&stance=denied&year=2022",
    "actor=us&outlet=hotnews-ro&date_from=2022-10-01",
    "q=drones&stance=asserted&claim=iran-supplied-drones-to-russia",
    "actor=",
]


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_the_api_lists_exactly_the_statements_the_page_lists(query, grown, client, anonymous_api):
    on_page = page_statement_ids(client, query)
    assert len(on_page) == len(set(on_page)), "the page lists a statement twice"
    api_pages = walk(anonymous_api, f"/api/v1/statements/?{query}&page_size=20")
    in_api = [record["id"] for record in api_pages]
    assert len(in_api) == len(set(in_api)), "the API lists a statement twice"
    assert set(in_api) == set(on_page)
    assert on_page or query.startswith("date_to"), "a filter that matches nothing proves little"
    exported = b"".join(
        anonymous_api.get(f"/api/v1/statements/export.jsonl?{query}").streaming_content
    )
    assert {json.loads(line)["id"] for line in exported.splitlines()} == set(on_page)


def test_the_filters_really_filter(grown, anonymous_api):
    """Guard against both sides agreeing on an unfiltered list."""
    everything = len(walk(anonymous_api, "/api/v1/statements/?page_size=1000"))
    assert everything == Statement.objects.count() > 150
    several_pages = 0
    for query in FILTER_QUERIES[1:-1]:
        found = walk(anonymous_api, f"/api/v1/statements/?{query}&page_size=1000")
        assert 0 < len(found) < everything, query
        several_pages += len(found) > 50  # the page shows 50 at a time
    assert several_pages >= 5, "too few filters span several HTML pages"
    kiev = walk(anonymous_api, "/api/v1/statements/?actor=Kiev&page_size=1000")
    assert {r["actor"] for r in kiev} <= {"ukraine", "dmytro-kuleba", "volodymyr-zelensky"}
    denied = walk(anonymous_api, "/api/v1/statements/?stance=denied&stance=confirmed")
    assert {r["stance"] for r in denied} == {"denied", "confirmed"}


BAD_QUERIES = [
    ("colour=red", "colour"),
    ("Actor=iran", "Actor"),
    ("page=2", "page"),  # the HTML page's parameter: the API pages by cursor
    ("stance=maybe", "stance"),
    ("stance=denied&stance=maybe", "stance"),
    ("year=22", "year"),
    ("year=twenty-two", "year"),
    ("date_from=yesterday", "date_from"),
    ("date_to=2022-13-45", "date_to"),
    ("date_from=2023-01-01&date_to=2022-01-01", "date_to"),
    ("actor=nobody-at-all", "actor"),
    ("actor=iran&actor=nobody-at-all", "actor"),
    ("actor=iran%00", "actor"),
    ("speaker=iran", "speaker"),
    ("claim=no-such-claim", "claim"),
    ("claim=Iran", "claim"),
    ("outlet=no-such-outlet", "outlet"),
    ("q=%21%21%21", "q"),
    ("q=" + "word+" * 60, "q"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD_QUERIES)
def test_unknown_parameters_and_malformed_values_are_a_400_naming_the_parameter(
    query, parameter, seed, anonymous_api
):
    for path in (
        "/api/v1/statements/",
        "/api/v1/statements/export.csv",
        "/api/v1/statements/export.jsonl",
    ):
        response = anonymous_api.get(f"{path}?{query}")
        assert response.status_code == 400, (path, response.status_code)
        body = response.json()
        assert parameter in body, (path, body)
        assert body[parameter] and all(isinstance(m, str) for m in body[parameter])
