"""The statement list's cursor pages neither skip nor repeat a statement while editors
add or delete statements, and their size and cursor are checked."""

from __future__ import annotations

import datetime
import random

import pytest

from claims.models import Actor, Claim, Quote, Statement
from tests.api.support import walk


def new_statement(n: int, stance: str = "denied") -> Statement:
    source = Quote.objects.order_by("id").first()
    statement = Statement.objects.create(
        actor=Actor.objects.get(slug="iran"),
        claim=Claim.objects.order_by("id").first(),
        stance=stance,
        made_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
        made_on_precision="day",
    )
    Quote.objects.create(
        statement=statement,
        article=source.article,
        start=source.start,
        end=source.end,
        text=source.text,
    )
    return statement


@pytest.mark.parametrize("query", ["", "stance=denied", "actor=iran&year=2022"])
def test_cursor_pages_neither_skip_nor_repeat_while_statements_are_added(
    query, grown, anonymous_api
):
    def matching() -> set[int]:
        return {r["id"] for r in walk(anonymous_api, f"/api/v1/statements/?{query}&page_size=1000")}

    at_start = matching()
    assert len(at_start) > 14
    seen: list[int] = []
    url, added = f"/api/v1/statements/?{query}&page_size=7", 0
    while url:
        page = anonymous_api.get(url)
        assert page.status_code == 200
        ids = [r["id"] for r in page.json()["results"]]
        assert len(ids) <= 7
        seen.extend(ids)
        url = page.json()["next"]
        for _ in range(3):  # editors keep recording while the client walks
            new_statement(added)
            added += 1
    assert len(seen) == len(set(seen)), "a statement was repeated"
    assert at_start <= set(seen), f"skipped: {sorted(at_start - set(seen))}"
    assert seen == sorted(seen, reverse=True)
    assert added > 6


def test_cursor_pages_neither_skip_nor_repeat_while_statements_are_deleted(grown, anonymous_api):
    at_start = [r["id"] for r in walk(anonymous_api, "/api/v1/statements/?page_size=1000")]
    rng = random.Random(7)
    seen, deleted = [], set()
    url = "/api/v1/statements/?page_size=7"
    while url:
        page = anonymous_api.get(url).json()
        seen.extend(r["id"] for r in page["results"])
        url = page["next"]
        for pk in rng.sample(at_start, 2):
            Statement.objects.filter(pk=pk).delete()
            deleted.add(pk)
    assert len(seen) == len(set(seen))
    assert set(at_start) - deleted <= set(seen)


def test_page_size_and_cursor_are_checked(seed, anonymous_api):
    first = anonymous_api.get("/api/v1/statements/?page_size=5").json()
    assert len(first["results"]) == 5 and first["next"] and first["previous"] is None
    bad = anonymous_api.get("/api/v1/statements/?cursor=not-a-cursor")
    assert bad.status_code == 400 and list(bad.json()) == ["cursor"]
    largest = anonymous_api.get("/api/v1/statements/?page_size=1000").json()
    assert len(largest["results"]) == Statement.objects.count()
    for size in ("0", "-1", "1001", str(10**9), "ten", "¹"):
        refused = anonymous_api.get(f"/api/v1/statements/?page_size={size}")
        assert refused.status_code == 400, size
        assert refused.json() == {"page_size": ["Must be a whole number from 1 to 1000."]}
