"""The statement list's pages: walking them lists each statement once, newest first;
and the export links on them give exactly the rows they show."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import random
import re

from claims.models import Actor, Claim, Quote, Statement
from sources import text
from tests.factories import make_actor, make_article, make_claim, make_statement
from tests.pages.reading import (
    each_page,
    link_query,
    listed_ids,
    main_html,
    newest_first,
    walk_pages,
)


def test_walking_every_page_lists_each_statement_once_newest_first(client, db):
    actors = [make_actor() for _ in range(3)]
    claims = [make_claim() for _ in range(2)]
    article = make_article()
    days = [datetime.date(2022, 1, 1) + datetime.timedelta(days=7 * n) for n in range(10)]
    rng = random.Random(120)
    # Entered in a shuffled date order with many statements on each day, so only the id
    # can break the ties.
    for n in range(120):
        make_statement(
            actor=actors[n % 3],
            claim=claims[n % 2],
            article=article,
            stance=rng.choice(["asserted", "denied", "confirmed"]),
            made_on=rng.choice(days),
        )

    ids = walk_pages(client, "/statements/")

    assert len(ids) == 120
    assert len(set(ids)) == 120
    assert ids == newest_first(Statement.objects.all())
    assert ids == list(Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True))
    denied = walk_pages(client, "/statements/?stance=denied")
    assert denied == newest_first(Statement.objects.filter(stance="denied"))


EXPORT_LINK = re.compile(r'<a href="(/api/v1/statements/export\.(csv|jsonl)\?[^"]*)" download>')


def export_links(content: str) -> dict[str, str]:
    return {kind: html.unescape(href) for href, kind in EXPORT_LINK.findall(content)}


def test_the_export_links_carry_exactly_the_filters_of_the_page(client, seed):
    query = "actor=Tehran&stance=denied&stance=asserted&year=2022&q=drones&page=1"

    links = export_links(main_html(client.get(f"/statements/?{query}")))

    assert set(links) == {"csv", "jsonl"}
    filters = link_query("?" + query)
    del filters["page"]
    for href in links.values():
        assert link_query(href) == filters


def export_ids(client, href: str) -> list[int]:
    response = client.get(href)
    assert response.status_code == 200, href
    content = b"".join(response.streaming_content).decode()
    if ".csv?" in href:
        return [int(row["id"]) for row in csv.DictReader(io.StringIO(content))]
    return [json.loads(line)["id"] for line in content.splitlines()]


def test_the_exports_give_exactly_the_rows_of_the_view_on_all_its_pages(client, seed):
    # More Iranian denials, so that several views run over more than one page.
    iran = Actor.objects.get(slug="iran")
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    article = make_article()
    added = Statement.objects.bulk_create(
        Statement(
            actor=iran,
            claim=claim,
            stance="denied" if n % 3 else "asserted",
            made_on=datetime.date(2022, 11, 1) + datetime.timedelta(days=n % 20),
        )
        for n in range(70)
    )
    span = text.anchor_text(article.body, "no drones were supplied")
    Quote.objects.bulk_create(
        Quote(statement=s, article=article, start=span.start, end=span.end, text=span.text)
        for s in added
    )
    queries = [
        "",
        "stance=denied",
        "actor=Tehran&stance=denied",
        "actor=iran&actor=russia",
        "speaker=Kannani",
        "claim=iran-supplied-drones-to-russia&year=2022",
        "outlet=rt&outlet=hotnews-ro",
        "q=supply",
        "q=drones&stance=denied",
        "date_from=2022-10-01&date_to=2022-11-10",
    ]
    several_pages = 0
    for query in queries:
        pages = each_page(client, f"/statements/?{query}")
        rows = [pk for content in pages for pk in listed_ids(content)]
        several_pages += len(pages) > 1
        assert rows, f"the seed should match {query!r}"
        links = export_links(pages[0])
        assert export_ids(client, links["csv"]) == rows, query
        assert export_ids(client, links["jsonl"]) == rows, query
    assert several_pages >= 3
