"""What a researcher sees on the reader pages, on the seed data and on built data."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import re

import pytest
from pytest_django.asserts import assertContains

from claims import standing
from claims.models import Actor, Statement
from tests.factories import make_actor, make_article, make_claim, make_statement

STATEMENT_LINK = re.compile(r'href="/statements/(\d+)/"')


def page_ids(client, query: str) -> list[int]:
    """Ids of the statements listed in the results, across every page of the view."""
    ids, page = [], 1
    while True:
        response = client.get(f"/statements/?{query}&page={page}")
        assert response.status_code == 200, response.content[:500]
        results = response.content.decode().split('class="results"', 1)[1]
        ids += [int(i) for i in dict.fromkeys(STATEMENT_LINK.findall(results))]
        if 'rel="next"' not in results:
            return ids
        page += 1


def csv_ids(client, query: str) -> list[int]:
    response = client.get(f"/api/v1/statements/export.csv?{query}")
    text = b"".join(response.streaming_content).decode()
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(text))]


def jsonl_ids(client, query: str) -> list[int]:
    response = client.get(f"/api/v1/statements/export.jsonl?{query}")
    lines = b"".join(response.streaming_content).decode().splitlines()
    return [json.loads(line)["id"] for line in lines]


QUERIES = [
    "",
    "stance=denied",
    "actor=Kiev",
    "speaker=Kannani",
    "actor=iran&actor=russia&stance=denied",
    "claim=iran-supplied-drones-to-russia&year=2022",
    "outlet=hotnews-ro",
    "q=supply",
    "date_from=2022-10-01&date_to=2022-10-31",
]


@pytest.mark.parametrize("query", QUERIES)
def test_export_links_give_exactly_the_rows_of_the_view(seed, client, query):
    on_page = page_ids(client, query)
    assert on_page, f"the seed data should match {query!r}"
    assert csv_ids(client, query) == on_page
    assert jsonl_ids(client, query) == on_page


def test_export_links_on_the_page_carry_its_filters(seed, client):
    response = client.get("/statements/?actor=Kiev&stance=asserted")
    assertContains(response, "/api/v1/statements/export.csv?actor=Kiev&amp;stance=asserted")
    assertContains(response, "/api/v1/statements/export.jsonl?actor=Kiev&amp;stance=asserted")


def test_pages_of_a_long_list_neither_overlap_nor_skip(db, client):
    actor, claim, article = make_actor(), make_claim(), make_article()
    for n in range(120):
        make_statement(
            actor=actor,
            claim=claim,
            article=article,
            made_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n % 40),
        )
    ids = page_ids(client, "")
    assert sorted(ids) == sorted(Statement.objects.values_list("id", flat=True))
    assert len(ids) == len(set(ids)) == 120
    expected = list(Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True))
    assert ids == expected


def test_a_stance_filter_narrows_the_list_and_the_other_facets(seed, client):
    response = client.get("/statements/?stance=denied")
    denied = Statement.objects.filter(stance="denied")
    assertContains(response, f"{denied.count()} statements")
    facets = response.context["facets"]
    actor_counts = {v.value: v.count for v in next(f for f in facets if f.name == "actor").values}
    for slug, count in actor_counts.items():
        assert count == denied.by_actor(Actor.objects.get(slug=slug)).count()
    stance_counts = {v.value: v.count for v in next(f for f in facets if f.name == "stance").values}
    # The stance facet counts under the other filters, so it still offers every stance.
    assert stance_counts["asserted"] == Statement.objects.filter(stance="asserted").count()


@pytest.mark.parametrize(
    "query",
    [
        "stance=maybe",
        "actor=nobody",
        "year=abc",
        "date_from=notadate",
        "q=!!!",
        "date_from=2023-01-01&date_to=2022-01-01",
        "colour=red",
    ],
)
def test_an_invalid_filter_answers_400_naming_it(seed, client, query):
    response = client.get(f"/statements/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0] if "date_to" not in query else "date_to"
    assertContains(response, f"<strong>{name}</strong>", status_code=400)


def test_an_actors_page_flags_its_position_change_at_the_dates_precision(db, client):
    iran = make_actor(name="Iran", slug="iran", kind="state")
    claim = make_claim()
    make_statement(
        actor=iran,
        claim=claim,
        stance="denied",
        made_on=datetime.date(2022, 7, 1),
        made_on_precision="month",
        date_wording="",
    )
    confirmed = make_statement(
        actor=iran,
        claim=claim,
        stance="confirmed",
        made_on=datetime.date(2022, 11, 1),
        made_on_precision="month",
        date_wording="",
    )
    response = client.get("/actors/iran/")
    assertContains(response, "Position changes")
    assertContains(response, "denied in July 2022")
    assertContains(
        response,
        f'<a href="/statements/{confirmed.pk}/">confirmed in November 2022</a>',
        html=False,
    )
    assertContains(response, "November 2022")
    assert "2022-11-01</time>" not in response.content.decode()


def test_position_changes_flagged_in_lists_agree_with_the_definition(db):
    rng = random.Random(7)
    states = [make_actor(kind="state") for _ in range(3)]
    people = [make_actor(kind="person", speaks_for=rng.choice(states)) for _ in range(3)]
    claims = [make_claim() for _ in range(2)]
    article = make_article()
    for _ in range(60):
        make_statement(
            actor=rng.choice(states + people),
            claim=rng.choice(claims),
            article=article,
            stance=rng.choice(["asserted", "denied", "confirmed"]),
            made_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(20)),
        )
    by_sql = set(Statement.objects.position_changes().values_list("id", flat=True))
    by_definition = standing.changed_statement_ids(Statement.objects.select_related("actor"))
    assert by_sql == by_definition
    assert by_sql, "the random data should contain position changes"


def test_an_empty_filter_value_means_no_filter(seed, client):
    assert page_ids(client, "actor=&claim=&stance=denied") == page_ids(client, "stance=denied")
    response = client.get("/api/v1/statements/export.csv?actor=&outlet=")
    assert response.status_code == 200
